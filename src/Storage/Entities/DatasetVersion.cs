using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// An immutable snapshot of a dataset: its manifest (items, labels, splits) is a content-addressed blob, and its
/// items are indexed in <see cref="DatasetItem"/> rows for browsing. Created whole, in one transaction, or not at all.
/// </summary>
public sealed class DatasetVersion
{
    private DatasetVersion() { }

    public DatasetVersion(Guid id, Guid workspaceId, Guid datasetId, int number, DatasetKind kind, VersionSource source, string sourceDetail,
        Guid? parentVersionId, Guid? operationId, Guid? createdBy, DateTimeOffset now)
    {
        Id = id;
        WorkspaceId = workspaceId;
        DatasetId = datasetId;
        Number = number;
        Kind = kind;
        Source = source;
        SourceDetail = sourceDetail;
        ParentVersionId = parentVersionId;
        OperationId = operationId;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid DatasetId { get; private set; }
    public int Number { get; private set; }
    public DatasetKind Kind { get; private set; }
    public VersionSource Source { get; private set; }
    /// <summary>Human lineage: "import of birds.zip (COCO)", "split 80/10/10 seed 42 of version 2".</summary>
    public string SourceDetail { get; private set; } = "";
    public Guid? ParentVersionId { get; private set; }
    public Guid? OperationId { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int ItemCount { get; private set; }
    public long TotalBytes { get; private set; }
    public string ManifestSha256 { get; private set; } = "";
    /// <summary>JSON: class names, table columns, per-class and per-split counts, size histogram.</summary>
    public string SummaryJson { get; private set; } = "{}";

    public void Seal(int itemCount, long totalBytes, string manifestSha256, string summaryJson)
    {
        if (ManifestSha256.Length > 0) throw new IllegalStateChangeException("A version is immutable once sealed.");
        ItemCount = itemCount;
        TotalBytes = totalBytes;
        ManifestSha256 = manifestSha256;
        SummaryJson = summaryJson;
    }
}

public enum VersionSource { Import, Split, Annotation }
