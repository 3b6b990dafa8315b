using Platform.Contracts;

namespace Platform.Jobs.Datasets;

/// <summary>An item on its way into a new version. <see cref="Text"/> holds a text item's text or a table row's cells as JSON.</summary>
public sealed record NewItem(
    string Path, string? Label, DatasetSplit Split, string? Sha256, long Size, int? Width, int? Height,
    IReadOnlyList<BoxDto> Boxes, string? Text)
{
    public NewItem WithSplit(DatasetSplit split) => this with { Split = split };
}

/// <summary>What a new version holds besides its items.</summary>
public sealed record VersionContent(DatasetKind Kind, IReadOnlyList<string> Classes, IReadOnlyList<TableColumnDto> Columns, IReadOnlyList<NewItem> Items);
