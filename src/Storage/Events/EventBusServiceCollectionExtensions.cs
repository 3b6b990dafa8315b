using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Storage.Events;

public static class EventBusServiceCollectionExtensions
{
    /// <summary>PostgreSQL LISTEN/NOTIFY when a connection string is given, otherwise in-process.</summary>
    public static IServiceCollection AddEventBus(this IServiceCollection services, string? postgresConnectionString)
    {
        services.AddSingleton<Subscribers>();
        services.AddSingleton(sp => new ResourceEvents(sp.GetRequiredService<IEventBus>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        if (postgresConnectionString is null)
        {
            services.AddSingleton<IEventBus, InProcessEventBus>();
            return services;
        }
        services.AddSingleton(_ => NpgsqlDataSource.Create(postgresConnectionString));
        services.AddSingleton<PostgresEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<PostgresEventBus>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresEventBus>());
        return services;
    }
}
