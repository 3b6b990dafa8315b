using Platform.Api;
using Platform.Api.Infrastructure;
using Platform.Server;
using Platform.Server.Telemetry;
using Platform.Serving;

var builder = WebApplication.CreateBuilder(args);
builder.AddServerSettings();
var platform = builder.AddPlatform();
builder.AddTelemetry(platform);
var app = builder.Build();

if (args.Contains("migrate"))
{
    await app.MigrateAsync(force: true);
    Console.WriteLine("Database is up to date.");
    return;
}
await app.MigrateAsync(force: false);
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

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
