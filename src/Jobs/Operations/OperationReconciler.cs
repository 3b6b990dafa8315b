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
/// The database is the source of truth: at start (and every minute) re-enqueue operations recorded as Queued or
/// Running that no live Hangfire job holds, e.g. after a restart with in-memory job storage. Every worker process
/// runs one; a distributed lock lets only one of them reconcile at a time, so a dead operation is enqueued once.
/// </summary>
public sealed class OperationReconciler(IServiceScopeFactory scopes, ILogger<OperationReconciler> logger) : BackgroundService
{
    /// <summary>The Hangfire lock held while reconciling; a process that finds it taken skips that round.</summary>
    public const string LockResource = "platform:operation-reconciler";

    private static readonly string[] LiveStates = ["Enqueued", "Processing", "Scheduled", "Awaiting"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
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
        var requeued = 0;
        foreach (var operation in pending)
        {
            if (operation.JobId is not null && IsAlive(connection, operation.JobId)) continue;
            // Requeued (only if its state is still the one read) before the new job exists, so that job never
            // starts an operation this round then sets back to Queued.
            operation.Requeue();
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(operation).State = EntityState.Detached; // it finished or was cancelled meanwhile
                continue;
            }
            var jobId = jobs.Enqueue<IOperationJob>(OperationQueues.For(operation), j => j.RunAsync(operation.Id, CancellationToken.None));
            await db.AssignJobAsync(operation, jobId, ct);
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
