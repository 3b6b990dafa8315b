using System.Globalization;
using Platform.Contracts;

namespace Platform.Web.Pages.Serving;

/// <summary>
/// An endpoint's monitoring laid out for the panel: a value per minute of the window for each chart line (minutes without
/// requests are absent from the series: zero requests, no latency), and the request rate of the last minute.
/// </summary>
public sealed record MonitoringView(DateTimeOffset Start, IReadOnlyList<MonitoringLine> Traffic, IReadOnlyList<MonitoringLine> Latency, double PerSecond)
{
    public static MonitoringView Of(EndpointMetricsDto metrics, DateTimeOffset now)
    {
        var current = MinuteOf(now);
        var last = metrics.Series.MaxBy(m => m.Minute);
        var start = (last is not null && last.Minute > current ? MinuteOf(last.Minute) : current).AddMinutes(1 - metrics.Minutes);
        var count = metrics.Minutes;
        double?[] requests = new double?[count], failures = new double?[count], p50 = new double?[count], p95 = new double?[count], p99 = new double?[count];
        Array.Fill(requests, 0);
        Array.Fill(failures, 0);
        foreach (var m in metrics.Series)
        {
            var i = (int)Math.Round((m.Minute - start).TotalMinutes);
            if (i >= 0 && i < count) (requests[i], failures[i], p50[i], p95[i], p99[i]) = (m.Requests, m.Failures, m.P50, m.P95, m.P99);
        }
        // The last minute counts only while it is the current or the previous one; a quiet endpoint answers 0 a second.
        var perSecond = last is not null && last.Minute >= current.AddMinutes(-1) ? last.Requests / 60.0 : 0;
        return new MonitoringView(start,
            [new("Requests", "var(--mud-palette-primary)", requests), new("Failures", "var(--mud-palette-error)", failures)],
            [new("p50", "var(--mud-palette-tertiary)", p50), new("p95", "var(--mud-palette-primary)", p95), new("p99", "var(--mud-palette-warning)", p99)],
            perSecond);
    }

    public static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}

/// <summary>How the monitoring's figures read.</summary>
public static class MonitoringFormat
{
    public static string PerSecond(double rate) =>
        rate.ToString(rate >= 100 ? "#,0" : rate >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>"12.3 ms", or "—" where there is no latency.</summary>
    public static string Milliseconds(double? ms) => ms is not { } v ? "—"
        : v.ToString(v >= 100 ? "#,0" : v >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture) + " ms";

    public static IEnumerable<KeyValuePair<string, long>> Failures(EndpointMetricsDto metrics) =>
        metrics.FailuresByKind.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);

    public static string FailureName(string kind) => kind switch
    {
        "invalid-input" => "invalid input",
        "busy" => "busy",
        "error" => "errors",
        _ => kind,
    };

    public static string FailureHint(string kind) => kind switch
    {
        "invalid-input" => "Requests the endpoint rejected: an instance did not fit its input (4xx).",
        "busy" => "Requests turned away while the model was loading or its queue was full (503).",
        "error" => "Requests the model or the server failed to answer (500).",
        _ => kind,
    };
}
