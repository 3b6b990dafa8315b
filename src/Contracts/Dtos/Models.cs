namespace Platform.Contracts;

/// <summary>A model in the workspace's registry with its aliases and newest version.</summary>
public sealed record RegisteredModelDto(
    Guid Id, Guid WorkspaceId, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int VersionCount, ModelVersionDto? LatestVersion, IReadOnlyList<ModelAliasDto> Aliases);

/// <summary>
/// One registered version: the run that trained it and that run's dataset version (lineage), its test score
/// (accuracy, or R² for regression), and the package's size and SHA-256 as registered.
/// </summary>
public sealed record ModelVersionDto(
    Guid Id, Guid ModelId, string ModelName, int Number, Guid? RunId, string? RunName, RunDatasetDto? Dataset, string? Template,
    double? Score, long PackageBytes, string PackageSha256, bool HasEvaluation, string? Description, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Aliases, string? CreatedByEmail, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ModelAliasDto(string Name, int Version, bool IsProtected, DateTimeOffset UpdatedAt, string? UpdatedByEmail);

/// <summary>Registers a succeeded run's model as the next version of <paramref name="ModelName"/> (created if the workspace has no model by that name).</summary>
public sealed record RegisterModelVersionRequest(Guid RunId, string ModelName, string? Description = null, IReadOnlyDictionary<string, string>? Tags = null);

public sealed record UpdateModelRequest(string? Description);

/// <summary>Null leaves a field as it is; tags given replace all of the version's tags.</summary>
public sealed record UpdateModelVersionRequest(string? Description = null, IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>Points the alias at <paramref name="Version"/> (creating it); <paramref name="Protected"/> null keeps its protection.</summary>
public sealed record SetModelAliasRequest(int Version, bool? Protected = null);

/// <summary>
/// Runs a model version over every item of a dataset version as an operation; its result is a file with one row per
/// item (path, label, predicted label, confidence and every class's probability, or the predicted value), as
/// <paramref name="Format"/> "csv" or "jsonl".
/// </summary>
public sealed record StartBatchPredictionRequest(Guid DatasetId, int Version, string Format = "csv");
