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
/// Running that no live Hangfire job holds, e.g. after a restart with in-memory job storage.
/// </summary>
public sealed class OperationReconciler(IServiceScopeFactory scopes, ILogger<OperationReconciler> logger) : BackgroundService
{
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

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        var storage = scope.ServiceProvider.GetRequiredService<JobStorage>();
        // A row without a job for under a minute is most likely being enqueued by the API right now.
        var settled = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        var pending = await db.Operations
            .Where(o => o.State == OperationState.Queued || o.State == OperationState.Running)
            .Where(o => o.JobId != null || o.CreatedAt < settled)
            .ToListAsync(ct);
        var requeued = 0;
        using var connection = storage.GetConnection();
        foreach (var operation in pending)
        {
            if (operation.JobId is not null && IsAlive(connection, operation.JobId)) continue;
            operation.Requeue();
            operation.AssignJob(jobs.Enqueue<IOperationJob>(OperationQueues.For(operation.Kind), j => j.RunAsync(operation.Id, CancellationToken.None)));
            requeued++;
        }
        await db.SaveChangesAsync(ct);
        if (requeued > 0) logger.LogInformation("Re-enqueued {Count} operations that had lost their job", requeued);
        return requeued;
    }

    private static bool IsAlive(IStorageConnection connection, string jobId)
    {
        var data = connection.GetJobData(jobId);
        return data is not null && LiveStates.Contains(data.State, StringComparer.OrdinalIgnoreCase);
    }
}
