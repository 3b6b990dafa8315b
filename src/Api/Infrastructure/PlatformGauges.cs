using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Api.Infrastructure;

/// <summary>
/// The installation's state for Prometheus, read from the database at each scrape (so one api process answers for
/// every worker): operations waiting and running per queue, workers online per queue, and upload bytes received.
/// </summary>
public sealed class PlatformGauges
{
    public const string MeterName = "Platform.Api";
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _uploadBytes;

    public PlatformGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        (_scopes, _clock) = (scopes, clock);
        var meter = meters.Create(MeterName);
        _uploadBytes = meter.CreateCounter<long>("platform.uploads.bytes", unit: "By", description: "Upload bytes received and stored.");
        meter.CreateObservableGauge("platform.operations.queued", () => Operations(OperationState.Queued), description: "Operations waiting for a worker, by queue.");
        meter.CreateObservableGauge("platform.operations.running", () => Operations(OperationState.Running), description: "Operations running, by queue.");
        meter.CreateObservableGauge("platform.workers.online", WorkersOnline, description: "Workers with a recent heartbeat, by queue they serve.");
    }

    public void Received(long bytes) => _uploadBytes.Add(bytes);

    private IEnumerable<Measurement<int>> Operations(OperationState state)
    {
        using var scope = _scopes.CreateScope();
        var counts = scope.ServiceProvider.GetRequiredService<PlatformDb>().Operations.AsNoTracking().Where(o => o.State == state)
            .GroupBy(o => new { o.Queue, o.Kind }).Select(g => new { g.Key.Queue, g.Key.Kind, Count = g.Count() }).ToList();
        var byQueue = JobQueues.ToDictionary(q => q, _ => 0);
        foreach (var count in counts)
        {
            var queue = count.Queue ?? OperationQueues.For(count.Kind);
            byQueue[queue] = byQueue.GetValueOrDefault(queue) + count.Count;
        }
        return byQueue.Select(q => new Measurement<int>(q.Value, new KeyValuePair<string, object?>("queue", q.Key)));
    }

    private IEnumerable<Measurement<int>> WorkersOnline()
    {
        using var scope = _scopes.CreateScope();
        var now = _clock.GetUtcNow();
        var online = scope.ServiceProvider.GetRequiredService<PlatformDb>().Workers.AsNoTracking().Where(w => w.StoppedAt == null).ToList()
            .Where(w => w.IsOnlineAt(now)).ToList();
        var served = online.Select(w => OperationQueues.ServedBy(w.Queues.Split(',', StringSplitOptions.TrimEntries)).ToHashSet()).ToList();
        return JobQueues.Select(queue => new Measurement<int>(served.Count(queues => queues.Contains(queue)), new KeyValuePair<string, object?>("queue", queue)));
    }

    /// <summary>The Hangfire queues operations wait in: a worker's queues, and one for training per device.</summary>
    private static readonly string[] JobQueues =
        [.. OperationQueues.ServedBy([OperationQueues.Default, OperationQueues.Cpu, OperationQueues.Gpu])];
}
