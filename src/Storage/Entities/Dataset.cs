using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>A named collection of immutable versions. Deleting is soft: the row stays until its retention ends.</summary>
public sealed class Dataset
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2000;

    private Dataset() { }

    public Dataset(Guid workspaceId, string name, string? description, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        Name = name;
        Description = description;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>Set by the first import; later imports must bring the same kind.</summary>
    public DatasetKind? Kind { get; private set; }
    public int VersionCount { get; private set; }
    public Guid? LatestVersionId { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public DateTimeOffset? PurgeAfter { get; private set; }
    public bool IsDeleted => DeletedAt is not null;

    public void Edit(string name, string? description)
    {
        EnsureNotDeleted("edited");
        Name = name;
        Description = description;
    }

    /// <summary>
    /// Records a new version; returns its number. Only <paramref name="boxesDrawn"/> (an annotation project that drew
    /// boxes on labeled or unlabeled images) turns an image classification dataset into a detection one.
    /// </summary>
    public int AddVersion(Guid versionId, DatasetKind kind, bool boxesDrawn = false)
    {
        EnsureNotDeleted("given a new version");
        var drawnOn = boxesDrawn && Kind == DatasetKind.ImageClassification && kind == DatasetKind.ObjectDetection;
        if (Kind is { } existing && existing != kind && !drawnOn)
            throw new IllegalStateChangeException($"This dataset holds {Describe(existing)}; the upload holds {Describe(kind)}. Create a new dataset for it.");
        Kind = kind;
        LatestVersionId = versionId;
        return ++VersionCount;
    }

    public void Delete(DateTimeOffset now, TimeSpan retention)
    {
        EnsureNotDeleted("deleted");
        DeletedAt = now;
        PurgeAfter = now + retention;
    }

    public void Restore()
    {
        if (!IsDeleted) throw new IllegalStateChangeException("The dataset is not deleted.");
        DeletedAt = null;
        PurgeAfter = null;
    }

    private void EnsureNotDeleted(string action)
    {
        if (IsDeleted) throw new IllegalStateChangeException($"A deleted dataset cannot be {action}; restore it first.");
    }

    public static string Describe(DatasetKind kind) => kind switch
    {
        DatasetKind.ImageClassification => "labeled images (classification)",
        DatasetKind.ObjectDetection => "images with boxes (detection)",
        DatasetKind.TextClassification => "labeled text",
        _ => "a table",
    };
}
