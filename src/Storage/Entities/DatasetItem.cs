using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// One item of one version, for browsing (the manifest blob is the record). Ids are version-7 Guids created in
/// path order, so keyset paging by id lists items by path.
/// </summary>
public sealed class DatasetItem
{
    private DatasetItem() { }

    public DatasetItem(Guid id, Guid versionId, string path, string? label, DatasetSplit split, string? sha256, long size,
        int? width, int? height, string? boxesJson, string? text)
    {
        Id = id;
        VersionId = versionId;
        Path = path;
        FileName = path[(path.LastIndexOf('/') + 1)..];
        Label = label;
        Split = split;
        Sha256 = sha256;
        Size = size;
        Width = width;
        Height = height;
        BoxesJson = boxesJson;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid VersionId { get; private set; }
    public string Path { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string? Label { get; private set; }
    public DatasetSplit Split { get; private set; }
    /// <summary>The content blob (images); null for text and table rows.</summary>
    public string? Sha256 { get; private set; }
    public long Size { get; private set; }
    public int? Width { get; private set; }
    public int? Height { get; private set; }
    public string? BoxesJson { get; private set; }
    /// <summary>Text of a text item, or a table row's cells as a JSON array.</summary>
    public string? Text { get; private set; }
}
