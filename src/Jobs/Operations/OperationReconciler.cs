using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Jobs.Workers;
using Platform.Storage.Data;
using Platform.Storage.Entities;

namespace Platform.Jobs.Operations;

/// <summary>
/// The database is the source of truth: at start (and every 15 s) re-enqueue operations recorded as Queued or
/// Running that no live Hangfire job holds, e.g. after a restart with in-memory job storage. Every worker process
/// runs one; a distributed lock lets only one of them reconcile at a time, so a dead operation is enqueued once.
/// </summary>
public sealed class OperationReconciler(IServiceScopeFactory scopes, ILogger<OperationReconciler> logger) : BackgroundService
{
    /// <summary>The Hangfire lock held while reconciling; a process that finds it taken skips that round.</summary>
    public const string LockResource = "platform:operation-reconciler";

    /// <summary>Often enough that a training run whose worker died is handed out again soon after its lease expires.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private static readonly string[] LiveStates = ["Enqueued", "Processing", "Scheduled", "Awaiting"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try { await ReconcileAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Reconciling operations failed"); }
        }
        while (await timer.NextTickAsync(stoppingToken)
               && !stoppingToken.IsCancellationRequested);
    }

    /// <summary>Re-enqueues the operations that lost their job; returns how many, or null when another process holds the lock.</summary>
    public async Task<int?> ReconcileAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var storage = scope.ServiceProvider.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        using var held = TryLock(connection);
        if (held is null)
        {
            logger.LogDebug("Another process is reconciling operations; skipping this round");
            return null;
        }
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        // A row without a job for under a minute is most likely being enqueued by the API right now.
        var settled = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        var pending = await db.Operations
            .Where(o => o.State == OperationState.Queued || o.State == OperationState.Running)
            .Where(o => o.JobId != null || o.CreatedAt < settled)
            .ToListAsync(ct);
        // A training run whose worker stopped renewing its lease is dead even while its job still looks alive (job storage
        // hands a dead process's job to another worker only after a long timeout).
        var abandoned = await db.AbandonedOperationsAsync(DateTimeOffset.UtcNow, ct);
        var requeued = 0;
        foreach (var operation in pending)
        {
            if (operation.JobId is not null && IsAlive(connection, operation.JobId) && !abandoned.Contains(operation.Id)) continue;
            // Requeued (only if its state is still the one read) before the new job exists, so that job never
            // starts an operation this round then sets back to Queued.
            operation.Requeue();
            var run = await db.Runs.SingleOrDefaultAsync(r => r.OperationId == operation.Id && r.Status == RunStatus.Running, ct);
            if (run is not null)
            {
                var reason = abandoned.Contains(operation.Id)
                    ? $"Worker {run.LeaseOwner} stopped renewing its lease; the run went back to the queue and resumes from its last checkpoint."
                    : "The run's worker stopped (a restart); the run went back to the queue and resumes from its last checkpoint.";
                run.Requeue(reason);
                db.RunLogLines.Add(new RunLogLine(run.Id, DateTimeOffset.UtcNow, reason));
            }
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                // It finished, was cancelled or was started again meanwhile.
                foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
                continue;
            }
            await jobs.EnqueueAsync(db, operation);
            requeued++;
        }
        if (requeued > 0) logger.LogInformation("Re-enqueued {Count} operations that had lost their job", requeued);
        return requeued;
    }

    /// <summary>Takes the lock without waiting; null when it is held elsewhere.</summary>
    private static IDisposable? TryLock(IStorageConnection connection)
    {
        try { return connection.AcquireDistributedLock(LockResource, TimeSpan.Zero); }
        catch (DistributedLockTimeoutException) { return null; } // Hangfire.PostgreSql's lock exception derives from it
    }

    private static bool IsAlive(IStorageConnection connection, string jobId)
    {
        var data = connection.GetJobData(jobId);
        return data is not null && LiveStates.Contains(data.State, StringComparer.OrdinalIgnoreCase);
    }
}
