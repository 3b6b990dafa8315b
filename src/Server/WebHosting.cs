namespace Platform.Server;

public static class WebHosting
{
    /// <summary>The web role serves the WebAssembly portal; unknown /api paths stay 404 problems instead of the app page.</summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapFallback("/api/{**rest}", () => TypedResults.Problem(statusCode: 404, title: "Not found.", detail: "There is no such API endpoint."));
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
