using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// A long-running piece of work (system check now; imports and exports later). The database row is the
/// source of truth: the reconciler re-enqueues Queued or Running rows that no live job holds.
/// </summary>
public sealed class Operation
{
    private Operation() { }

    public Operation(Guid workspaceId, string kind, Guid? createdBy, DateTimeOffset now, Guid? subjectId = null, string? payload = null,
        string? queue = null)
    {
        Queue = queue;
        SubjectId = subjectId;
        Payload = payload;
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        Kind = kind;
        CreatedBy = createdBy;
        CreatedAt = now;
        State = OperationState.Queued;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Kind { get; private set; } = "";
    /// <summary>The Hangfire queue, when not the kind's usual one (a training run on the gpu queue).</summary>
    public string? Queue { get; private set; }
    public OperationState State { get; private set; }
    public double Progress { get; private set; }
    public string? Message { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? WorkerName { get; private set; }
    /// <summary>The Hangfire job that currently holds this operation.</summary>
    public string? JobId { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>What the operation works on (a dataset, a version), for listing its operations.</summary>
    public Guid? SubjectId { get; private set; }
    /// <summary>The request, as JSON, that the handler reads.</summary>
    public string? Payload { get; private set; }
    /// <summary>The object the operation produced for download (an export, an import report).</summary>
    public string? ResultKey { get; private set; }
    public string? ResultFileName { get; private set; }

    public void AttachResult(string key, string fileName)
    {
        ResultKey = key;
        ResultFileName = fileName;
    }

    public bool IsFinished => State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;

    public void AssignJob(string jobId) => JobId = jobId;

    public void Start(string workerName, DateTimeOffset now)
    {
        if (IsFinished) throw new IllegalStateChangeException($"The operation has already {State.ToString().ToLowerInvariant()}.");
        State = OperationState.Running;
        WorkerName = workerName;
        StartedAt ??= now;
        Attempts++;
    }

    public void Report(double progress, string? message)
    {
        if (State != OperationState.Running) throw new IllegalStateChangeException("Only a running operation reports progress.");
        Progress = Math.Clamp(progress, 0, 1);
        Message = message;
    }

    public void Succeed(string? message, DateTimeOffset now) => Finish(OperationState.Succeeded, message, now, progress: 1);

    public void Fail(string message, DateTimeOffset now) => Finish(OperationState.Failed, message, now, Progress);

    public void Cancel(DateTimeOffset now)
    {
        if (IsFinished) throw new IllegalStateChangeException($"The operation has already {State.ToString().ToLowerInvariant()}; it cannot be cancelled.");
        State = OperationState.Cancelled;
        FinishedAt = now;
        Message = "Cancelled.";
    }

    /// <summary>Puts work that lost its job back in the queue (after a restart).</summary>
    public void Requeue()
    {
        if (IsFinished) throw new IllegalStateChangeException("A finished operation is not requeued.");
        State = OperationState.Queued;
        JobId = null;
    }

    private void Finish(OperationState state, string? message, DateTimeOffset now, double progress)
    {
        if (IsFinished) throw new IllegalStateChangeException($"The operation has already {State.ToString().ToLowerInvariant()}.");
        State = state;
        Message = message;
        Progress = progress;
        FinishedAt = now;
    }
}

public static class OperationKinds
{
    public const string SystemCheck = "system-check";
    public const string ImportDataset = "import-dataset";
    public const string SplitDataset = "split-dataset";
    public const string ExportDataset = "export-dataset";
    public const string TrainModel = "train-model";
    public const string RunSweep = "run-sweep";
    public const string PredictDataset = "predict-dataset";
    public const string FinishAnnotation = "finish-annotation";
    public const string PrelabelAnnotation = "prelabel-annotation";
}

public static class OperationQueues
{
    public const string Default = "default";
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";

    public static string For(Operation operation) => operation.Queue ?? For(operation.Kind);

    /// <summary>
    /// The Hangfire queue of training runs on a device queue (cpu, gpu): a worker serves it with one job at a time, as
    /// torch's seed and thread count are process-wide (ADR 6).
    /// </summary>
    public static string Training(string device) => device + "-training";

    /// <summary>The training queues a worker on <paramref name="queues"/> also serves: one per device queue it serves (ADR 6).</summary>
    public static IEnumerable<string> TrainingQueuesOf(IEnumerable<string> queues) => queues.Where(q => q is Cpu or Gpu).Select(Training);

    /// <summary>Every Hangfire queue a worker on <paramref name="queues"/> takes jobs from.</summary>
    public static IEnumerable<string> ServedBy(IReadOnlyCollection<string> queues) => queues.Concat(TrainingQueuesOf(queues));

    public static string For(string kind) => kind switch
    {
        OperationKinds.SystemCheck => Default,
        OperationKinds.ImportDataset or OperationKinds.SplitDataset or OperationKinds.ExportDataset or OperationKinds.TrainModel
            or OperationKinds.PredictDataset or OperationKinds.FinishAnnotation
            or OperationKinds.PrelabelAnnotation => Cpu,
        _ => Default,
    };
}
