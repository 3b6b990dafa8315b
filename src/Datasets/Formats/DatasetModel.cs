using Platform.Contracts;

namespace Platform.Datasets.Formats;

/// <summary>One file of an upload after extraction: a '/'-separated relative path, stored as a content-addressed blob.</summary>
public sealed record SourceFile(string Path, long Size, string Sha256);

/// <summary>Opens the content of a source file (the caller reads it from the object store).</summary>
public delegate Task<Stream> OpenSource(SourceFile file, CancellationToken ct);

/// <summary>Opens a stored blob by its SHA-256 (used by exporters).</summary>
public delegate Task<Stream> OpenBlob(string sha256, CancellationToken ct);

/// <summary>What the user chose for an import. Column names apply to CSV tables and text files.</summary>
public sealed record ImportOptions(
    DatasetFormat Format = DatasetFormat.Auto,
    string? TargetColumn = null,
    IReadOnlyDictionary<string, ColumnType>? ColumnTypes = null,
    string? TextColumn = null,
    string? LabelColumn = null);

/// <summary>
/// A box in pixel coordinates with the origin at the image's top-left corner. When <see cref="Normalized"/> is true
/// (YOLO) the numbers are fractions of the image size, and the importer converts them once it knows that size.
/// </summary>
public sealed record ParsedBox(string Label, double X, double Y, double Width, double Height, bool Normalized = false);

/// <summary>
/// One item of a dataset. <see cref="Path"/> is the item's name in the dataset (the image's relative path, or row-000001
/// for table rows). <see cref="Image"/> is the source file holding the image, when there is one.
/// <see cref="Cells"/> holds a table row's values in column order.
/// </summary>
public sealed record ParsedItem(
    string Path,
    SourceFile? Image,
    string? Label,
    DatasetSplit Split,
    IReadOnlyList<ParsedBox> Boxes,
    string? Text = null,
    IReadOnlyList<string?>? Cells = null,
    int? Width = null,
    int? Height = null);

/// <summary>A problem with one file or row, shown to the user in the import report.</summary>
public sealed record ImportProblem(string File, string Message);

public sealed record TableColumn(string Name, ColumnType Type);

/// <summary>
/// What a reader understood from the files: items, classes in a stable order, and what it could not read.
/// <see cref="RejectedImages"/>: upload paths of images left out for a problem reported on their annotation file.
/// </summary>
public sealed record ParsedDataset(
    DatasetKind Kind,
    DatasetFormat Format,
    IReadOnlyList<string> Classes,
    IReadOnlyList<ParsedItem> Items,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<TableColumn>? Columns = null,
    string? TargetColumn = null,
    IReadOnlyCollection<string>? RejectedImages = null);

/// <summary>The whole upload cannot be imported (unknown format, missing annotation file...): the message says why.</summary>
public sealed class DatasetFormatException(string message) : Exception(message);

/// <summary>One item as it is exported: boxes in pixels, and the blob holding its image (null for text and table rows).</summary>
public sealed record ExportItem(
    string Path,
    string? Label,
    DatasetSplit Split,
    IReadOnlyList<ParsedBox> Boxes,
    string? Text,
    IReadOnlyList<string?>? Cells,
    int? Width,
    int? Height,
    string? Sha256);

public sealed record ExportDataset(
    string Name,
    DatasetKind Kind,
    IReadOnlyList<string> Classes,
    IReadOnlyList<ExportItem> Items,
    IReadOnlyList<TableColumn>? Columns = null,
    string? TargetColumn = null);
