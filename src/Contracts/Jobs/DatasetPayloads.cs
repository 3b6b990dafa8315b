namespace Platform.Contracts.Jobs;

/// <summary>What a split operation reads from its row: the version to split and how.</summary>
public sealed record SplitPayload(Guid VersionId, SplitRequest Split);

/// <summary>What an export operation reads from its row.</summary>
public sealed record ExportPayload(Guid VersionId, DatasetFormat Format);

/// <summary>What a batch prediction reads from its row: the model version, the dataset version, csv or jsonl.</summary>
public sealed record BatchPredictionPayload(Guid ModelVersionId, Guid DatasetVersionId, string Format);

/// <summary>
/// What finishing an annotation project reads from its row: the project, whether unreviewed annotations count, and for
/// a retrain, the run to start on the new version.
/// </summary>
public sealed record FinishAnnotationPayload(Guid ProjectId, bool IncludeUnreviewed, RetrainPlan? Retrain = null);

/// <summary>A training run to start on the version a retrain writes: its experiment, budget and settings.</summary>
public sealed record RetrainPlan(Guid ExperimentId, double BudgetSeconds, TrainingSettingsDto? Settings);

/// <summary>What pre-labeling reads from its row: the project and the registered model version that suggests.</summary>
public sealed record PrelabelPayload(Guid ProjectId, Guid ModelVersionId);
