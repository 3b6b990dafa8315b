using System.Text.Json;
using Platform.Api.Models;
using Platform.Storage.Serving;

namespace Platform.Api.Endpoints;

/// <summary>An endpoint's monitoring: the per-minute counts every serving process writes, added up.</summary>
public static class EndpointMetricsApi
{
    public const int MaxMinutes = 24 * 60;

    public static RouteGroupBuilder MapEndpointMetricsApi(this RouteGroupBuilder endpoints)
    {
        endpoints.MapGet("/{id:guid}/metrics", Get);
        return endpoints;
    }

    private static async Task<Results<Ok<EndpointMetricsDto>, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, int? minutes, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var window = minutes ?? 60;
        if (window is < 1 or > MaxMinutes) return new Validation().Add("minutes", $"Give between 1 and {MaxMinutes:N0} minutes.").Problem();
        if (await db.FindEndpointAsync(member, id, ct) is null) return Problems.NotFound("The endpoint");
        var now = clock.GetUtcNow();
        var since = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1 - window);
        var rows = await db.EndpointMinutes.AsNoTracking().Where(m => m.EndpointId == id && m.Minute >= since).ToListAsync(ct);
        var series = rows.GroupBy(r => r.Minute).OrderBy(g => g.Key).Select(g =>
        {
            var latency = Sum(g.Select(r => Read<int>(r.LatencyJson)));
            return new EndpointMinuteDto(g.Key, g.Sum(r => r.Requests), g.Sum(r => r.Failures),
                LatencyHistogram.Percentile(latency, 0.5), LatencyHistogram.Percentile(latency, 0.95), LatencyHistogram.Percentile(latency, 0.99));
        }).ToList();
        var all = Sum(rows.Select(r => Read<int>(r.LatencyJson)));
        return TypedResults.Ok(new EndpointMetricsDto(window, rows.Sum(r => r.Requests), rows.Sum(r => r.Failures),
            Sum(rows.Select(r => Read<string>(r.FailuresJson))), LatencyHistogram.Percentile(all, 0.5), LatencyHistogram.Percentile(all, 0.95),
            LatencyHistogram.Percentile(all, 0.99), Sum(rows.Select(r => Read<string>(r.LabelsJson))), series));
    }

    private static Dictionary<TKey, long> Read<TKey>(string json) where TKey : notnull =>
        JsonSerializer.Deserialize<Dictionary<TKey, long>>(json) ?? [];

    private static Dictionary<TKey, long> Sum<TKey>(IEnumerable<Dictionary<TKey, long>> parts) where TKey : notnull
    {
        var total = new Dictionary<TKey, long>();
        foreach (var part in parts)
            foreach (var (key, count) in part) total[key] = total.GetValueOrDefault(key) + count;
        return total;
    }
}
