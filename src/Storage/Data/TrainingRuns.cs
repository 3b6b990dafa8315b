using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>Creating training runs, the same way for a person's Train and for a sweep's trials.</summary>
public static class TrainingRuns
{
    /// <summary>The server's build, recorded on every run.</summary>
    public static readonly string CodeVersion = (typeof(TrainingRuns).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown") is var v && v.Length > 64 ? v[..64] : v;

    /// <summary>
    /// Adds a queued run, its settings as parameters, and the operation that trains it on its device's training queue
    /// (ADR 6). The caller saves, then enqueues the operation.
    /// </summary>
    public static (Run Run, Operation Operation) Add(PlatformDb db, Guid workspaceId, Guid experimentId, string name, Guid? createdBy,
        DateTimeOffset now, TrainingPlan plan, TrainingSettingsDto? settings)
    {
        var run = Run.ForTraining(workspaceId, experimentId, name.Length > Run.MaxNameLength ? name[..Run.MaxNameLength] : name, createdBy, now, plan);
        var operation = new Operation(workspaceId, OperationKinds.TrainModel, createdBy, now, run.Id, queue: OperationQueues.Training(plan.Queue));
        run.AttachOperation(operation.Id);
        db.Runs.Add(run);
        db.RunParams.AddRange(TrainingParams.For(run.Id, plan.Template, plan.TimeBudgetSeconds / 60, settings));
        db.Operations.Add(operation);
        return (run, operation);
    }

    /// <summary>gpu when a worker that serves the gpu queue, with a GPU, is online; otherwise cpu (a gpu run would wait forever).</summary>
    public static async Task<string> DeviceQueueAsync(PlatformDb db, DateTimeOffset now, CancellationToken ct) =>
        (await OnlineWorkersAsync(db, now, ct)).Any(w => w.GpuCount > 0 && w.Serves(OperationQueues.Gpu)) ? OperationQueues.Gpu : OperationQueues.Cpu;

    /// <summary>The workers whose heartbeat is recent (<see cref="Worker.IsOnlineAt"/>, as a query).</summary>
    public static Task<List<Worker>> OnlineWorkersAsync(PlatformDb db, DateTimeOffset now, CancellationToken ct)
    {
        var recent = now - Worker.OfflineAfter;
        return db.Workers.AsNoTracking().Where(w => w.StoppedAt == null && w.LastHeartbeatAt > recent).ToListAsync(ct);
    }

    /// <summary>
    /// Cancels the run and the operation that trains it, if that has not ended; the caller saves (a concurrency conflict
    /// there means the worker started or ended it meanwhile) and announces both.
    /// </summary>
    public static async Task<Operation?> CancelAsync(PlatformDb db, Run run, string reason, DateTimeOffset now, CancellationToken ct)
    {
        run.Cancel(now, reason);
        var operation = run.OperationId is { } id ? await db.Operations.SingleOrDefaultAsync(o => o.Id == id, ct) : null;
        if (operation is { IsFinished: false }) operation.Cancel(now);
        return operation;
    }
}
