using Platform.Server.Telemetry;
using Platform.Storage.Data;
using Platform.Storage.Objects;

namespace Platform.Server;

/// <summary>What a person starting the server needs to read: where to open it, what it runs, where its data lives.</summary>
public static class StartupBanner
{
    public static void Register(WebApplication app, PlatformOptions platform)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var database = app.Services.GetRequiredService<DatabaseOptions>();
            var objects = app.Configuration.GetSection(ObjectStoreOptions.SectionName).Get<ObjectStoreOptions>() ?? new ObjectStoreOptions();
            var data = database.IsPostgres ? "PostgreSQL" : $"SQLite in {Path.GetFullPath(platform.DataFolder)}";
            var store = string.Equals(objects.Kind, ObjectStoreOptions.S3Kind, StringComparison.OrdinalIgnoreCase)
                ? $"S3 bucket {objects.S3.Bucket}" : $"folder {Path.GetFullPath(objects.Folder)}";
            var urls = string.Join(", ", app.Urls);
            if (TelemetrySetup.IsJson(app.Configuration))
            {
                app.Logger.LogInformation("Platform is running with roles {Roles} at {Urls}; database: {Database}; objects: {Objects}", platform.Roles, urls, data, store);
                return;
            }
            Console.WriteLine($"Platform is running ({platform.Roles}). Open {urls} in your browser.");
            Console.WriteLine($"  Database: {data}. Objects: {store}.");
            if (platform.Has("worker")) Console.WriteLine($"  Worker queues: {string.Join(", ", platform.QueueList)}.");
        });
    }
}
