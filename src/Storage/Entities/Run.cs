using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// One training run: trained here from a dataset version (an operation runs it on a worker) or logged from code that
/// runs elsewhere (the tracking and MLflow APIs). State changes go through the methods below.
/// </summary>
public sealed class Run
{
    public const int MaxNameLength = 250;
    public const int MaxMessageLength = 2048;

    private Run() { }

    private Run(Guid workspaceId, Guid experimentId, string name, RunSource source, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        ExperimentId = experimentId;
        Name = name;
        Source = source;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    /// <summary>A run this platform trains: Queued until a worker starts it.</summary>
    public static Run ForTraining(Guid workspaceId, Guid experimentId, string name, Guid? createdBy, DateTimeOffset now, TrainingPlan plan) =>
        new(workspaceId, experimentId, name, RunSource.Training, createdBy, now)
        {
            Status = RunStatus.Queued,
            Template = plan.Template,
            SettingsJson = plan.SettingsJson,
            DatasetVersionId = plan.DatasetVersionId,
            TimeBudgetSeconds = plan.TimeBudgetSeconds,
            Queue = plan.Queue,
            Priority = plan.Priority,
            CodeVersion = plan.CodeVersion,
        };

    /// <summary>A run logged by code elsewhere: Running from the start.</summary>
    public static Run ForTracking(Guid workspaceId, Guid experimentId, string name, Guid? createdBy, DateTimeOffset startedAt) =>
        new(workspaceId, experimentId, name, RunSource.Tracking, createdBy, startedAt) { Status = RunStatus.Running, StartedAt = startedAt };

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid ExperimentId { get; private set; }
    public string Name { get; private set; } = "";
    public RunSource Source { get; private set; }
    public RunStatus Status { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    public string? Template { get; private set; }
    public string? SettingsJson { get; private set; }
    public Guid? DatasetVersionId { get; private set; }
    public double? TimeBudgetSeconds { get; private set; }
    public string? Queue { get; private set; }
    /// <summary>Orders its queue: a higher priority starts first, then the earlier run.</summary>
    public RunPriority Priority { get; private set; }
    public string? CodeVersion { get; private set; }
    public Guid? OperationId { get; private set; }
    /// <summary>The sweep this run is a trial of, and its place in the sweep.</summary>
    public Guid? SweepId { get; private set; }
    public int? TrialIndex { get; private set; }
    public string? WorkerName { get; private set; }
    public int Attempts { get; private set; }

    public double Progress { get; private set; }
    public long Step { get; private set; }
    public int Epoch { get; private set; }
    public double? RemainingSeconds { get; private set; }
    /// <summary>Why it failed, or how it ended.</summary>
    public string? Message { get; private set; }

    public string? CheckpointKey { get; private set; }
    public long? CheckpointStep { get; private set; }
    public string? ModelKey { get; private set; }
    public long? ModelBytes { get; private set; }
    public string? EvaluationKey { get; private set; }
    /// <summary>The worker that holds the run (renewed by its heartbeat); another worker takes it over once it expires.</summary>
    public string? LeaseOwner { get; private set; }
    /// <summary>Fencing token: raised by every takeover, and every write of the holder is conditioned on it.</summary>
    public long LeaseToken { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    /// <summary>The main test (or validation) figure, for sorting the runs table: accuracy, or R² for regression.</summary>
    public double? Score { get; private set; }

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
    public bool IsDeleted => DeletedAt is not null;

    public void AttachOperation(Guid operationId) => OperationId = operationId;

    public void AttachSweep(Guid sweepId, int trialIndex) => (SweepId, TrialIndex) = (sweepId, trialIndex);

    public void Start(string workerName, DateTimeOffset now)
    {
        EnsureNotFinished("started");
        Status = RunStatus.Running;
        Message = null;
        WorkerName = workerName;
        StartedAt ??= now;
        Attempts++;
    }

    /// <summary>Back to the queue: its worker stopped (a restart, or a lease that expired); it resumes from its checkpoint.</summary>
    public void Requeue(string reason)
    {
        EnsureNotFinished("queued again");
        Status = RunStatus.Queued;
        Message = reason;
    }

    /// <summary>Moves a waiting run up or down its queue; a run that has started keeps its place.</summary>
    public void ChangePriority(RunPriority priority)
    {
        if (Status != RunStatus.Queued || StartedAt is not null)
            throw new IllegalStateChangeException("Only a run that has not started yet can change its priority.");
        Priority = priority;
    }

    public void ReportProgress(double fraction, long step, int epoch, double? remainingSeconds)
    {
        if (Status != RunStatus.Running) throw new IllegalStateChangeException("Only a running run reports progress.");
        Progress = Math.Clamp(fraction, 0, 1);
        Step = step;
        Epoch = epoch;
        RemainingSeconds = remainingSeconds;
    }

    public void RecordCheckpoint(string key, long step)
    {
        EnsureNotFinished("given a checkpoint");
        CheckpointKey = key;
        CheckpointStep = step;
    }

    public void Succeed(string modelKey, long modelBytes, string evaluationKey, double? score, long steps, string message, DateTimeOffset now)
    {
        Step = steps;
        ModelKey = modelKey;
        ModelBytes = modelBytes;
        EvaluationKey = evaluationKey;
        Score = score;
        Finish(RunStatus.Succeeded, message, now);
        Progress = 1;
        RemainingSeconds = 0;
    }

    public void Fail(string message, DateTimeOffset now) => Finish(RunStatus.Failed, message, now);

    public void Cancel(DateTimeOffset now, string reason = "Cancelled.") => Finish(RunStatus.Cancelled, reason, now);

    /// <summary>Ends a tracked run with the status its client reports (MLflow's update-run).</summary>
    public void End(RunStatus status, DateTimeOffset? endTime, DateTimeOffset now)
    {
        if (Source != RunSource.Tracking) throw new IllegalStateChangeException("Only a tracked run is ended by its client.");
        if (status is RunStatus.Queued or RunStatus.Running)
        {
            Status = status;
            FinishedAt = null;
            return;
        }
        Status = status;
        FinishedAt = endTime ?? now;
    }

    /// <summary>Ends a tracked run once, as its client reports (the tracking API; MLflow's update-run uses <see cref="End"/>).</summary>
    public void EndTracked(RunStatus status, string? message, DateTimeOffset at)
    {
        if (Source != RunSource.Tracking) throw new IllegalStateChangeException("Only a tracked run is ended by its client.");
        if (status is not (RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled))
            throw new IllegalStateChangeException($"A run ends as Succeeded, Failed or Cancelled, not {status}.");
        Finish(status, message, at);
    }

    public void Rename(string name) => Name = name;

    public void Delete(DateTimeOffset now)
    {
        if (IsDeleted) throw new IllegalStateChangeException("The run is already deleted.");
        DeletedAt = now;
    }

    public void Restore()
    {
        if (!IsDeleted) throw new IllegalStateChangeException("The run is not deleted.");
        DeletedAt = null;
    }

    private void Finish(RunStatus status, string? message, DateTimeOffset now)
    {
        EnsureNotFinished("ended again");
        Status = status;
        Message = message;
        FinishedAt = now;
    }

    private void EnsureNotFinished(string verb)
    {
        if (IsFinished) throw new IllegalStateChangeException($"The run has already {Status.ToString().ToLowerInvariant()}; it cannot be {verb}.");
    }
}

/// <summary>What a training run is asked to do, fixed when it is created.</summary>
public sealed record TrainingPlan(string Template, string SettingsJson, Guid DatasetVersionId, double TimeBudgetSeconds, string Queue, string CodeVersion,
    RunPriority Priority = RunPriority.Normal);
