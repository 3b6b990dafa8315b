using System.Diagnostics;

namespace Platform.Server.Telemetry;

/// <summary>
/// Every answer carries <c>X-Correlation-Id</c> (the request's W3C trace id when tracing, else its request id), the
/// id its log lines and spans carry, so a user's report leads to them. With JSON logs, one line per request.
/// </summary>
public static class RequestCorrelation
{
    public const string Header = "X-Correlation-Id";

    public static WebApplication UseRequestCorrelation(this WebApplication app)
    {
        var log = TelemetrySetup.IsJson(app.Configuration) ? app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Requests") : null;
        app.Use(async (http, next) =>
        {
            var id = CorrelationId(http);
            http.Response.Headers[Header] = id;
            var started = Stopwatch.GetTimestamp();
            try { await next(http); }
            finally
            {
                // The path only: a query can hold a token (?access_token= on SignalR).
                if (log is not null && !http.Request.Path.StartsWithSegments("/health"))
                    log.LogInformation("{Method} {Path} answered {Status} in {Milliseconds:0.0} ms ({CorrelationId})", http.Request.Method,
                        http.Request.Path.Value, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, id);
            }
        });
        return app;
    }

    private static string CorrelationId(HttpContext http) =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToString() : http.TraceIdentifier;
}
