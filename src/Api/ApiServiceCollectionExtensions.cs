using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Api.Endpoints;
using Platform.Api.Live;
using Scalar.AspNetCore;

namespace Platform.Api;

public static class ApiServiceCollectionExtensions
{
    public const long MaxJsonBodyBytes = 256 * 1024;

    /// <summary>The api role: auth, problem details, OpenAPI, SignalR, health checks.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatformAuth(configuration);
        // Keys in the database: cookies and anti-forgery tokens stay valid across api replicas, restarts and upgrades.
        services.AddDataProtection().SetApplicationName("Platform").PersistKeysToDbContext<PlatformDb>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Apply);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => PlatformClient.Configure(o.SerializerOptions));
        services.AddOpenApi();
        services.AddSignalR().AddJsonProtocol(o => PlatformClient.Configure(o.PayloadSerializerOptions));
        // The Hangfire dashboard checks an anti-forgery token on its POSTs once the service exists; the API itself is
        // protected by the CSRF header (ADR 3) and reads no forms.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "platform.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<PlatformGauges>();
        services.AddHostedService<LiveEventRelay>();
        services.AddSingleton<Platform.Api.Datasets.UploadHashes>();
        services.AddScoped<Platform.Api.Infrastructure.OperationStarter>();
        services.AddScoped<Platform.Api.Datasets.SampleDatasetStarter>();
        services.AddOptions<Platform.Api.Tracking.TrackingOptions>().Bind(configuration.GetSection(Platform.Api.Tracking.TrackingOptions.Section))
            .Validate(o => o.MaxArtifactsPerRun > 0, "Platform:Tracking:MaxArtifactsPerRun must be at least 1.").ValidateOnStart();
        services.AddScoped<Platform.Api.Tracking.ArtifactWriter>();
        services.AddOptions<Platform.Api.Annotation.AnnotationOptions>().Bind(configuration.GetSection(Platform.Api.Annotation.AnnotationOptions.Section))
            .Validate(o => o.LeaseSeconds > 0, "Platform:Annotation:LeaseSeconds must be at least 1.").ValidateOnStart();
        services.AddHealthChecks()
            .AddDbContextCheck<PlatformDb>("database", tags: ["ready"])
            .AddCheck<ObjectStoreHealthCheck>("object-store", tags: ["ready"]);
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseJsonBodyLimit(MaxJsonBodyBytes);
        app.UseCsrfProtection();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWorkspaceAccess();
        return app;
    }

    /// <summary>The route table of the API.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        app.Services.GetRequiredService<PlatformGauges>(); // its gauges answer for the whole installation from here
        app.MapHealth();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapSetupApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapAdminUsersApi();
        app.MapAdminWorkspacesApi();
        app.MapAdminServerApi();
        app.MapTokensApi();
        app.MapWorkspacesApi();
        app.MapMembersApi();
        app.MapInvitationsApi();
        app.MapAuditApi();
        app.MapWorkersApi();
        app.MapOperationsApi();
        app.MapUploadsApi();
        app.MapDatasetsApi();
        app.MapDatasetVersionsApi();
        app.MapDatasetActionsApi();
        app.MapExperimentsApi();
        app.MapTrainingApi();
        app.MapRunsApi();
        app.MapTrackingApi();
        app.MapRunArtifactsApi();
        app.MapSweepsApi();
        app.MapModelsApi();
        app.MapEndpointsApi();
        app.MapAnnotationProjectsApi();
        app.MapEventsApi();
        app.MapMlflowApi();
        app.MapHub<LiveHub>(LiveEvents.HubPath);
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AsyncAuthorization = [new HangfireAdminFilter()] });
        app.MapApiFallback();
        return app;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
    }
}
