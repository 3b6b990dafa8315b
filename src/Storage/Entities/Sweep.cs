using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>A search over training settings: its trials are runs (Run.SweepId), launched and judged by the sweep's operation.</summary>
public sealed class Sweep
{
    private Sweep() { }

    public Sweep(Guid workspaceId, Guid experimentId, string name, Guid datasetVersionId, string template, SweepMethod method, string requestJson,
        string trialsJson, int trials, int parallelism, string metric, bool maximize, bool earlyStopping, double trialBudgetSeconds,
        Guid? createdBy, DateTimeOffset now, RunPriority priority = RunPriority.Normal)
    {
        Id = Guid.CreateVersion7();
        (WorkspaceId, ExperimentId, Name, DatasetVersionId, Template, Method) = (workspaceId, experimentId, name, datasetVersionId, template, method);
        (RequestJson, TrialsJson, Trials, Parallelism, Metric, Maximize) = (requestJson, trialsJson, trials, parallelism, metric, maximize);
        (EarlyStopping, TrialBudgetSeconds, CreatedBy, CreatedAt) = (earlyStopping, trialBudgetSeconds, createdBy, now);
        Status = SweepStatus.Running;
        Priority = priority;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid ExperimentId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid DatasetVersionId { get; private set; }
    public string Template { get; private set; } = "";
    public SweepMethod Method { get; private set; }
    /// <summary>The request as sent (its parameters, for display).</summary>
    public string RequestJson { get; private set; } = "{}";
    /// <summary>The settings of every trial, in launch order.</summary>
    public string TrialsJson { get; private set; } = "[]";
    public int Trials { get; private set; }
    public int Parallelism { get; private set; }
    /// <summary>The validation metric successive halving compares.</summary>
    public string Metric { get; private set; } = "";
    public bool Maximize { get; private set; }
    public bool EarlyStopping { get; private set; }
    public double TrialBudgetSeconds { get; private set; }
    /// <summary>The priority of its trials on their queue.</summary>
    public RunPriority Priority { get; private set; }
    public Guid? OperationId { get; private set; }
    public SweepStatus Status { get; private set; }
    public Guid? BestRunId { get; private set; }
    public string? Message { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsFinished => Status != SweepStatus.Running;

    public void AttachOperation(Guid operationId) => OperationId = operationId;

    public void MarkBest(Guid? runId) => BestRunId = runId;

    public void Finish(SweepStatus status, string message, DateTimeOffset now)
    {
        if (IsFinished) throw new IllegalStateChangeException($"The sweep has already {Status.ToString().ToLowerInvariant()}.");
        Status = status;
        Message = message;
        FinishedAt = now;
    }
}
