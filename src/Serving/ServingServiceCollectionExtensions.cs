using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>The serving role: loads the endpoints' model versions and answers their predict routes.</summary>
    public static IServiceCollection AddServing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServingOptions>().Bind(configuration.GetSection(ServingOptions.Section))
            .Validate(o => o.MaxQueuedInstances > 0 && o.MaxInstancesPerRequest > 0 && o.MaxRequestBytes > 0, "Platform:Serving limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ModelHost>();
        services.AddSingleton<EndpointKeyCache>();
        services.AddSingleton<ServingMetrics>();
        services.AddSingleton<EndpointMonitor>();
        services.AddHostedService<EndpointMonitorFlusher>();
        services.AddHostedService<EndpointLoader>();
        return services;
    }
}
