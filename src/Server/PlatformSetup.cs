using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Server.Settings;
using Platform.Api;
using Platform.Jobs;
using Platform.Jobs.Workers;
using Platform.Serving;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Events;
using Platform.Storage.Objects;

namespace Platform.Server;

public static class PlatformSetup
{
    /// <summary>Registers what every role shares (database, object store, event bus, job client) and the roles asked for.</summary>
    public static PlatformOptions AddPlatform(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Platform").Get<PlatformOptions>() ?? new PlatformOptions();
        builder.Services.AddSingleton(options);
        var dataFolder = Path.GetFullPath(options.DataFolder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddPlatformDb(builder.Configuration, dataFolder);
        var database = builder.Configuration.GetSection("Platform:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var postgres = database.IsPostgres ? database.ConnectionString : null;
        var objects = builder.Configuration.GetSection(ObjectStoreOptions.SectionName);
        if (objects["Folder"] is null) objects["Folder"] = Path.Combine(dataFolder, "objects");
        builder.Services.AddObjectStore(objects);
        builder.Services.AddDatasetStorage(builder.Configuration);
        builder.Services.AddScoped<Platform.Storage.Registry.ModelRegistration>();
        builder.Services.AddEventBus(postgres);
        builder.Services.AddJobs(postgres);
        builder.Services.AddApi(builder.Configuration);
        builder.Services.AddSingleton(new ServerDescription(ServerVersion(), options.Roles.Split(',',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), SettingsCatalog.Keys, SettingsCatalog.Defaults,
            SettingsCatalog.IsSecret));
        if (options.Has("serving")) builder.Services.AddServing(builder.Configuration);
        if (options.Has("worker"))
            builder.Services.AddWorker(WorkerIdentity.Create(options.WorkerName, options.QueueList), options.WorkerCount ?? Math.Max(2, Environment.ProcessorCount));
        return options;
    }

    /// <summary>The informational version of this executable (with the source commit when the build knows it).</summary>
    private static string ServerVersion() =>
        typeof(PlatformSetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PlatformSetup).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// Embedded SQLite is migrated at every start; PostgreSQL by the `migrate` command (or Platform:Database:MigrateOnStart).
    /// Either way a database migrated by a newer build is refused with <see cref="NewerSchemaException"/>.
    /// </summary>
    public static async Task MigrateAsync(this WebApplication app, bool force)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        await SchemaGuard.EnsureNotNewerAsync(db);
        if (!force && database.IsPostgres && !database.MigrateOnStart) return;
        await db.Database.MigrateAsync();
    }
}
