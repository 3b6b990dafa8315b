using Platform.Api.Infrastructure;

namespace Platform.Server;

public static class WebHosting
{
    /// <summary>
    /// The web role serves the WebAssembly portal; /api paths stay problems instead of the app page (the api role
    /// maps that fallback with its routes; without it every /api path is a 404 problem).
    /// </summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<PlatformOptions>().Has("api")) app.MapApiFallback();
        app.MapFallbackToFile("index.html");
        return app;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        return app;
    }
}
