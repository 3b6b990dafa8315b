using Platform.Api;
using Platform.Api.Infrastructure;
using Platform.Server;
using Platform.Server.Backup;
using Platform.Server.Telemetry;
using Platform.Serving;

ServerCommand command;
try { command = ServerCommand.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddServerSettings();
var platform = builder.AddPlatform();
builder.AddTelemetry(platform);
var app = builder.Build();

try
{
    switch (command.Verb)
    {
        case "backup": return await BackupCommand.RunAsync(app.Services, command.Folder!);
        case "restore": return await RestoreCommand.RunAsync(app.Services, command.Folder!, command.Force);
        case "migrate":
            await app.MigrateAsync(force: true);
            Console.WriteLine("Database is up to date.");
            return 0;
    }
    await app.MigrateAsync(force: false);
}
catch (NewerSchemaException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
await Platform.Api.Auth.AdminSeeding.SeedAdminAsync(app.Services, app.Configuration);

app.UseRequestCorrelation();
app.UseSecurityHeaders();
if (platform.Has("web")) app.UseWeb();
app.UseApi();
if (platform.Has("api")) app.MapApi();
else app.MapHealth();
if (platform.Has("serving")) app.MapServing();
app.MapMetrics();
if (platform.Has("web")) app.MapWeb();

StartupBanner.Register(app, platform);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
