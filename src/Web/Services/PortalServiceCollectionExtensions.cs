using MudBlazor;
using MudBlazor.Services;
using Platform.Contracts;

namespace Platform.Web.Services;

public static class PortalServiceCollectionExtensions
{
    /// <summary>Everything the portal needs: the API client (same origin, the browser sends the cookie), MudBlazor and app state.</summary>
    public static IServiceCollection AddPortal(this IServiceCollection services, Uri baseAddress)
    {
        services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        services.AddScoped<PlatformClient>();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = false;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
            config.SnackbarConfiguration.MaxDisplayedSnackbars = 2;
        });
        services.AddScoped<LocalStore>();
        services.AddScoped<ThemeState>();
        services.AddScoped(_ => new LiveConnection(baseAddress));
        services.AddScoped<AppState>();
        services.AddScoped<Feedback>();
        return services;
    }
}
