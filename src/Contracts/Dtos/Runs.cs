namespace Platform.Contracts;

public enum RunStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>Training: trained here from a dataset version. Tracking: logged by code that runs elsewhere.</summary>
public enum RunSource { Training, Tracking }

public sealed record ExperimentDto(
    Guid Id, Guid WorkspaceId, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    bool IsDeleted, int RunCount, DateTimeOffset? LastRunAt, string? RegisterModelAs = null);

public sealed record CreateExperimentRequest(string Name, string? Description = null);

/// <param name="RegisterModelAs">A model name: every run of the experiment that succeeds is registered as its next version; "" stops it.</param>
public sealed record UpdateExperimentRequest(string? Name = null, string? Description = null, string? RegisterModelAs = null);

/// <summary>The optional advanced settings of a training run; null means the template's default.</summary>
public sealed record TrainingSettingsDto(
    int? Epochs = null, int? BatchSize = null, double? LearningRate = null, double? ModelSize = null, int? ImageSize = null,
    bool? HorizontalFlip = null, int? Seed = null, int? CheckpointEverySteps = null, double? CheckpointIntervalSeconds = null);

/// <summary>Starts a run that trains on a dataset version. Only the dataset and version are required.</summary>
public sealed record StartTrainingRequest(
    Guid DatasetId, int Version, string? Template = null, double? TimeBudgetMinutes = null, Guid? ExperimentId = null,
    string? Name = null, TrainingSettingsDto? Settings = null, RunPriority Priority = RunPriority.Normal);

/// <summary>Orders a training queue: a higher priority starts first, then the earlier run.</summary>
public enum RunPriority { Low = -1, Normal = 0, High = 1 }

/// <summary>Moves a run that waits on its queue up or down.</summary>
public sealed record SetRunPriorityRequest(RunPriority Priority);

/// <summary>What Train proposes for a version: the template that fits its content, the others that could, and why.</summary>
public sealed record TrainingProposalDto(
    Guid DatasetId, int Version, string? Template, IReadOnlyList<string> Templates, string Reason, double TimeBudgetMinutes,
    IReadOnlyList<string> Classes, int ItemCount);

public sealed record RunDto(
    Guid Id, Guid WorkspaceId, Guid ExperimentId, string ExperimentName, string Name, RunSource Source, RunStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? CreatedByEmail,
    string? Template, TrainingSettingsDto? Settings, RunDatasetDto? Dataset, double? TimeBudgetMinutes, string? Queue,
    int? QueuePosition, string? CodeVersion, string? WorkerName, int Attempts, double Progress, long Step, int Epoch,
    double? RemainingSeconds, string? Message, long? CheckpointStep, bool HasModel, long? ModelBytes, bool HasEvaluation,
    double? Score, bool IsDeleted, string? WaitingReason = null, RunPriority Priority = RunPriority.Normal);

public sealed record RunDatasetDto(Guid DatasetId, string Name, int Version, Guid VersionId);

/// <summary>One row of an experiment's runs table, with the latest value of each metric and the parameters.</summary>
public sealed record RunSummaryDto(
    Guid Id, string Name, RunSource Source, RunStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? Template, string? DatasetName, int? DatasetVersion, double Progress, double? Score,
    IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, string> Params);

public sealed record MetricPointDto(long Step, int? Epoch, double Value, long Timestamp);

/// <summary>A metric's history; <see cref="Downsampled"/> says whether points were left out to fit the requested count.</summary>
public sealed record MetricSeriesDto(string Name, IReadOnlyList<MetricPointDto> Points, int TotalPoints, bool Downsampled);

public sealed record RunMetricsDto(IReadOnlyList<MetricSeriesDto> Series, long LastId);

public sealed record RunLogLineDto(long Id, DateTimeOffset At, string Text);

public sealed record RunLogDto(IReadOnlyList<RunLogLineDto> Lines, long LastId);

public sealed record ClassMetricsDto(string Name, double Precision, double Recall, double F1, int Support);

public sealed record WorstItemDto(string ItemId, string Label, string Predicted, double LabelProbability);

/// <summary>The evaluation of a finished run on its test split (or validation split when there is none).</summary>
public sealed record EvaluationDto(
    string Task, string Split, int Count, double? Accuracy, IReadOnlyList<ClassMetricsDto> Classes,
    IReadOnlyList<int[]> ConfusionMatrix, IReadOnlyList<WorstItemDto> WorstItems, double? MeanAbsoluteError,
    double? RootMeanSquaredError, double? RSquared)
{
    /// <summary>
    /// Regression: predicted against actual, every evaluated row up to 2,000, else 2,000 spread evenly over the rows
    /// ordered by actual value (<see cref="Count"/> says how many were evaluated). Empty in evaluations stored before it.
    /// </summary>
    public IReadOnlyList<RegressionPointDto> Points { get; init; } = [];

    /// <summary>Regression: the rows with the largest absolute error, worst first.</summary>
    public IReadOnlyList<RegressionPointDto> LargestErrors { get; init; } = [];
}

/// <summary>One evaluated row of a regression: its dataset item, the actual value and the model's prediction.</summary>
public sealed record RegressionPointDto(string ItemId, float Actual, float Predicted);
