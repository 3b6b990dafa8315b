using Microsoft.Extensions.DependencyInjection;
using Platform.Storage.Data;

namespace Platform.Server.Backup;

public static class DatabaseBackups
{
    /// <summary>Platform:Backup:PostgresBin: the folder with pg_dump and pg_restore when they are not on PATH.</summary>
    public const string PostgresBinSetting = "Platform:Backup:PostgresBin";

    public static IDatabaseBackup For(IServiceProvider services, PlatformDb db)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (!options.IsPostgres) return new SqliteDatabaseBackup(db);
        var configuration = services.GetRequiredService<IConfiguration>();
        return new PostgresDatabaseBackup(db, new PostgresTools(options.ConnectionString!, configuration[PostgresBinSetting]));
    }
}
