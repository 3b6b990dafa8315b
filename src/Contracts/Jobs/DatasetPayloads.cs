namespace Platform.Contracts.Jobs;

/// <summary>What a split operation reads from its row: the version to split and how.</summary>
public sealed record SplitPayload(Guid VersionId, SplitRequest Split);

/// <summary>What an export operation reads from its row.</summary>
public sealed record ExportPayload(Guid VersionId, DatasetFormat Format);

/// <summary>What a batch prediction reads from its row: the model version, the dataset version, csv or jsonl.</summary>
public sealed record BatchPredictionPayload(Guid ModelVersionId, Guid DatasetVersionId, string Format);

/// <summary>What finishing an annotation project reads from its row: the project, and whether unreviewed annotations count.</summary>
public sealed record FinishAnnotationPayload(Guid ProjectId, bool IncludeUnreviewed);

/// <summary>What pre-labeling reads from its row: the project and the registered model version that suggests.</summary>
public sealed record PrelabelPayload(Guid ProjectId, Guid ModelVersionId);
