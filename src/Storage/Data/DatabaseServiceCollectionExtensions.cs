using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Storage.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PlatformDb"/> on SQLite (default) or PostgreSQL from Platform:Database.</summary>
    public static IServiceCollection AddPlatformDb(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var options = configuration.GetSection("Platform:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton<DatabaseLocks>();
        if (options.IsPostgres)
        {
            var cs = options.ConnectionString
                ?? throw new InvalidOperationException("Platform:Database:ConnectionString is required when Provider is postgres.");
            services.AddDbContext<PlatformDb, PostgresPlatformDb>(o => o.UseNpgsql(cs));
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            var cs = options.ConnectionString ?? $"Data Source={Path.Combine(dataFolder, "platform.db")}";
            services.AddDbContext<PlatformDb, SqlitePlatformDb>(o => o.UseSqlite(cs));
        }
        return services;
    }
}
