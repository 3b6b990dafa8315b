using System.Text.Json;
using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// Labeling work on one dataset version: a label schema (ids stay when labels are renamed), instructions, and one
/// <see cref="AnnotationTask"/> per item. <see cref="SchemaRevision"/> is a concurrency token, so two schema edits at
/// once cannot both pass their "label in use" checks.
/// </summary>
public sealed class AnnotationProject
{
    public const int MaxNameLength = 100;
    public const int MaxInstructionsLength = 20_000;
    public const int MaxLabels = 200;
    public const int MaxLabelLength = 100;
    public const int MaxItems = 200_000;
    public const int MaxPerWorkspace = 200;
    public const int DefaultBatchSize = 20;
    public const int MaxBatchSize = 200;
    public const int MaxOverlap = 5;

    private AnnotationProject() { }

    public AnnotationProject(Guid workspaceId, string name, AnnotationKind kind, Guid datasetId, DatasetVersion version,
        string instructions, int batchSize, int overlap, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        WorkspaceId = workspaceId;
        Name = name;
        Kind = kind;
        DatasetId = datasetId;
        VersionId = version.Id;
        VersionNumber = version.Number;
        Instructions = instructions;
        BatchSize = batchSize;
        Overlap = overlap;
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; } = "";
    public AnnotationKind Kind { get; private set; }
    public Guid DatasetId { get; private set; }
    public Guid VersionId { get; private set; }
    public int VersionNumber { get; private set; }
    /// <summary>The schema as JSON: a list of <see cref="AnnotationLabelDto"/>.</summary>
    public string LabelsJson { get; private set; } = "[]";
    public int NextLabelId { get; private set; } = 1;
    public string Instructions { get; private set; } = "";
    public int BatchSize { get; private set; }
    /// <summary>How many different people label each item: one task per item and replica.</summary>
    public int Overlap { get; private set; } = 1;
    public int TaskCount { get; private set; }
    public int? LastVersionNumber { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int SchemaRevision { get; private set; }
    /// <summary>The model version whose predictions are the tasks' suggestions, as "name vN"; null before pre-labeling.</summary>
    public string? SuggestionSource { get; private set; }
    public AnnotationQueueOrder QueueOrder { get; private set; }
    /// <summary>The newest retrain's training run: when it succeeds, its registered model pre-labels the project.</summary>
    public Guid? RetrainRunId { get; private set; }

    public IReadOnlyList<AnnotationLabelDto> Labels =>
        JsonSerializer.Deserialize<List<AnnotationLabelDto>>(LabelsJson, PlatformClient.Json) ?? [];

    public bool IsDetection => Kind == AnnotationKind.ObjectDetection;

    /// <summary>Replaces the schema; new labels (id 0) get the next ids. The caller has validated names and use.</summary>
    public IReadOnlyList<AnnotationLabelDto> SetLabels(IEnumerable<AnnotationLabelDto> labels, DateTimeOffset now)
    {
        var assigned = labels.Select(l => l.Id > 0 ? l : l with { Id = NextLabelId++ }).ToList();
        LabelsJson = JsonSerializer.Serialize(assigned, PlatformClient.Json);
        SchemaRevision++;
        UpdatedAt = now;
        return assigned;
    }

    public void Rename(string name, DateTimeOffset now) => (Name, UpdatedAt) = (name, now);
    public void Instruct(string instructions, DateTimeOffset now) => (Instructions, UpdatedAt) = (instructions, now);
    public void Batch(int batchSize, DateTimeOffset now) => (BatchSize, UpdatedAt) = (batchSize, now);
    public void Populated(int taskCount) => TaskCount = taskCount;
    public void Suggested(string source, DateTimeOffset now) => (SuggestionSource, UpdatedAt) = (source, now);
    public void Order(AnnotationQueueOrder order, DateTimeOffset now) => (QueueOrder, UpdatedAt) = (order, now);
    public void Retraining(Guid runId, DateTimeOffset now) => (RetrainRunId, UpdatedAt) = (runId, now);
    public void Finished(int versionNumber, DateTimeOffset now) => (LastVersionNumber, UpdatedAt) = (versionNumber, now);
}
