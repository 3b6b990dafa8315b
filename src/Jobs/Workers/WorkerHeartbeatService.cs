using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Workers;

/// <summary>Registers this worker at start, heartbeats every few seconds, and marks it stopped on shutdown.</summary>
public sealed class WorkerHeartbeatService(
    IServiceScopeFactory scopes, WorkerIdentity identity, CurrentJobs currentJobs, IEventBus events,
    TimeProvider clock, ILogger<WorkerHeartbeatService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private Guid _workerId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RegisterAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.NextTickAsync(stoppingToken)
               && !stoppingToken.IsCancellationRequested)
        {
            try { await BeatAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Worker heartbeat failed"); }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_workerId == Guid.Empty) return;
        try
        {
            await UpdateAsync(w => w.Stop(clock.GetUtcNow()), cancellationToken);
            await PublishAsync(LiveEvents.WorkerOffline, cancellationToken);
        }
        catch (Exception ex) { logger.LogWarning(ex, "Could not mark worker {Name} stopped", identity.Name); }
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        var gpus = await GpuProbe.DetectAsync(ct);
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var worker = new Worker(identity.Name, string.Join(',', identity.Queues), Environment.ProcessorCount, memory,
            gpus.Count, gpus.Name, gpus.MemoryBytes, clock.GetUtcNow());
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            db.Workers.Add(worker);
            await db.SaveChangesAsync(ct);
        }
        _workerId = worker.Id;
        logger.LogInformation("Worker {Name} online on queues {Queues}", identity.Name, worker.Queues);
        await PublishAsync(LiveEvents.WorkerOnline, ct);
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        await UpdateAsync(w => w.Heartbeat(clock.GetUtcNow(), currentJobs.Describe()), ct);
        await PublishAsync(LiveEvents.WorkerHeartbeat, ct);
    }

    private async Task UpdateAsync(Action<Worker> change, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var worker = await db.Workers.FindAsync([_workerId], ct);
        if (worker is null) return;
        change(worker);
        await db.SaveChangesAsync(ct);
    }

    private Task PublishAsync(string type, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(type, null, _workerId.ToString(), identity.Name, clock.GetUtcNow()), ct);
}
