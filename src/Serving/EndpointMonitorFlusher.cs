using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Storage.Events;

namespace Platform.Serving;

/// <summary>
/// Writes this process's per-minute endpoint counts to the database every two seconds (one row per endpoint, minute
/// and process), tells open endpoint pages, and deletes rows past <see cref="EndpointMinute.Retention"/> once an hour.
/// </summary>
public sealed class EndpointMonitorFlusher(IServiceScopeFactory scopes, EndpointMonitor monitor, IEventBus events, TimeProvider clock,
    ILogger<EndpointMonitorFlusher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly string process = $"{Environment.MachineName}:{Environment.ProcessId}:{DateTimeOffset.UtcNow:yyyyMMddHHmmss}";
    private DateTimeOffset nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await WaitAsync(timer, ct))
        {
            try { await FlushAsync(ct); }
            catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning(e, "Writing endpoint counts failed; they are written with the next ones."); }
        }
        await FlushAsync(CancellationToken.None);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var changed = monitor.TakeChanged();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        if (changed.Count > 0)
        {
            var endpointIds = changed.Select(t => t.EndpointId).Distinct().ToList();
            var minutes = changed.Select(t => t.Minute).Distinct().ToList();
            var rows = await db.EndpointMinutes.Where(m => endpointIds.Contains(m.EndpointId) && minutes.Contains(m.Minute) && m.Process == process)
                .ToDictionaryAsync(m => (m.EndpointId, m.Minute), ct);
            var existing = await db.ModelEndpoints.Where(e => endpointIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
            foreach (var tally in changed.Where(t => existing.Contains(t.EndpointId)))
            {
                if (!rows.TryGetValue((tally.EndpointId, tally.Minute), out var row))
                    db.EndpointMinutes.Add(row = new EndpointMinute(tally.EndpointId, tally.WorkspaceId, tally.Minute, process));
                row.Record(tally.Requests, tally.Failures, JsonSerializer.Serialize(tally.FailuresByKind),
                    JsonSerializer.Serialize(tally.Latency), JsonSerializer.Serialize(tally.Labels));
            }
            await db.SaveChangesAsync(ct);
            foreach (var tally in changed.Where(t => existing.Contains(t.EndpointId)).DistinctBy(t => t.EndpointId))
                await events.PublishAsync(new LiveEventDto(LiveEvents.EndpointMetrics, tally.WorkspaceId, tally.EndpointId.ToString(), null, clock.GetUtcNow()), ct);
        }
        if (clock.GetUtcNow() >= nextCleanup)
        {
            var before = clock.GetUtcNow() - EndpointMinute.Retention;
            await db.EndpointMinutes.Where(m => m.Minute < before).ExecuteDeleteAsync(ct);
            nextCleanup = clock.GetUtcNow().AddHours(1);
        }
    }
}
