using Platform.Api;
using Platform.Api.Infrastructure;
using Platform.Server;
using Platform.Serving;

var builder = WebApplication.CreateBuilder(args);
builder.AddServerSettings();
var platform = builder.AddPlatform();
var app = builder.Build();

if (args.Contains("migrate"))
{
    await app.MigrateAsync(force: true);
    Console.WriteLine("Database is up to date.");
    return;
}
await app.MigrateAsync(force: false);
await Platform.Api.Auth.AdminSeeding.SeedAdminAsync(app.Services, app.Configuration);

app.UseSecurityHeaders();
if (platform.Has("web")) app.UseWeb();
app.UseApi();
if (platform.Has("api")) app.MapApi();
else app.MapHealth();
if (platform.Has("serving")) app.MapServing();
if (platform.Has("web")) app.MapWeb();

app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Platform is running ({platform.Roles}). Open {string.Join(", ", app.Urls)} in your browser."));
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
