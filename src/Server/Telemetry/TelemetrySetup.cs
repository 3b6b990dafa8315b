using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Api.Infrastructure;
using Platform.Jobs.Operations;
using Platform.Serving;

namespace Platform.Server.Telemetry;

/// <summary>
/// OpenTelemetry for every role: metrics always (Prometheus at /metrics; OTLP too when configured), traces of
/// requests, outgoing HTTP, EF Core commands and jobs when an OTLP endpoint is configured
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, the standard variable), and JSON console logs on request.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string LogFormat = "Platform:Logging:Format";

    public static void AddTelemetry(this WebApplicationBuilder builder, PlatformOptions platform)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("platform").AddAttributes([new("platform.roles", platform.Roles)]));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                .AddMeter(PlatformGauges.MeterName, JobTelemetry.Name, ServingMetrics.MeterName)
                .AddPrometheusExporter();
            if (otlp) metrics.AddOtlpExporter();
        });
        if (otlp)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(JobTelemetry.Name)
                .AddOtlpExporter());
        if (IsJson(builder.Configuration))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => (o.IncludeScopes, o.UseUtcTimestamp, o.TimestampFormat) = (true, true, "yyyy-MM-ddTHH:mm:ss.fffZ"));
        }
    }

    public static bool IsJson(IConfiguration configuration) =>
        string.Equals(configuration[LogFormat], "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Prometheus scrapes with an administrator's API token (docs/operations.md).</summary>
    public static void MapMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Platform.Api.Auth.AuthSchemes.AdminPolicy);

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
