namespace Platform.Contracts;

/// <summary>What a dataset's items are: decides the formats it imports from and exports to.</summary>
public enum DatasetKind { ImageClassification, ObjectDetection, TextClassification, Table }

/// <summary>
/// File formats a dataset is imported from or exported to. Auto (import only) detects the format. Coco and Yolo take
/// the dataset's kind: boxes for detection, one class per image for classification (COCO labels, Ultralytics folders).
/// CsvImages, JsonlImages and JsonlTable are export only for now.
/// </summary>
public enum DatasetFormat { Auto, ImageFolders, Coco, Yolo, PascalVoc, CsvTable, CsvText, JsonlText, CsvImages, JsonlImages, JsonlTable }

public enum DatasetSplit { None, Train, Validation, Test }

/// <summary>The type of a table column: inferred at import, changeable by the user.</summary>
public enum ColumnType { Number, Category, Text }

/// <summary>What an import does with items it cannot read: leave them out (and report them) or refuse the whole import.</summary>
public enum ImportErrorPolicy { SkipBadItems, RefuseImport }

public enum UploadState { Receiving, Complete }

public sealed record DatasetDto(
    Guid Id, string Name, string? Description, DatasetKind? Kind, int VersionCount, DatasetVersionDto? LatestVersion,
    DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt, DateTimeOffset? PurgeAfter);

public sealed record CreateDatasetRequest(string Name, string? Description = null);

public sealed record EditDatasetRequest(string Name, string? Description = null);

public enum VersionSourceKind { Import, Split, Annotation }

public sealed record ClassCountDto(string Label, int Count);

public sealed record SplitCountsDto(int Train, int Validation, int Test, int None);

public sealed record TableColumnDto(string Name, ColumnType Type, bool IsTarget, int Missing, int Distinct, double? Min, double? Max, double? Mean);

public sealed record DatasetVersionDto(
    Guid Id, Guid DatasetId, int Number, DatasetKind Kind, int ItemCount, long TotalBytes, IReadOnlyList<string> Classes,
    SplitCountsDto Splits, VersionSourceKind Source, string SourceDetail, Guid? ParentVersionId, Guid? OperationId,
    string ManifestSha256, DateTimeOffset CreatedAt);

public sealed record BoxDto(string Label, double X, double Y, double Width, double Height);

public sealed record DatasetItemDto(
    Guid Id, string Path, string? Label, DatasetSplit Split, long Size, int? Width, int? Height, IReadOnlyList<BoxDto> Boxes,
    string? Text, IReadOnlyList<string?>? Cells);

public sealed record HistogramBinDto(string Range, int Count);

/// <summary>Charts for a version: class distribution, image sizes (images) or column statistics (tables).</summary>
public sealed record DatasetStatsDto(
    IReadOnlyList<ClassCountDto> Classes, SplitCountsDto Splits, IReadOnlyList<HistogramBinDto> ImageSizes,
    IReadOnlyList<TableColumnDto> Columns);

public sealed record ClassDiffDto(string Label, int From, int To);

/// <summary>An example change: From/To are classes (null when added or removed); the splits are set when the item moved.</summary>
public sealed record ItemChangeDto(string Path, string? From, string? To, DatasetSplit? FromSplit = null, DatasetSplit? ToSplit = null);

/// <summary>How many items kept in both versions moved from one split to another ("1,000 moved train → test").</summary>
public sealed record SplitMoveDto(DatasetSplit From, DatasetSplit To, int Count);

/// <summary>
/// Unchanged items kept their class, boxes and split. An item that moved and was relabeled counts in both Relabeled
/// and Moved, so those may add up to more than the items changed.
/// </summary>
public sealed record VersionDiffDto(
    int FromNumber, int ToNumber, int Added, int Removed, int Relabeled, int Unchanged, IReadOnlyList<ClassDiffDto> Classes,
    IReadOnlyList<ItemChangeDto> Examples, int Moved = 0, IReadOnlyList<SplitMoveDto>? SplitMoves = null);

public enum ImportMode { NewSnapshot, AddToLatest }

public sealed record StartImportRequest(
    IReadOnlyList<Guid> UploadIds,
    DatasetFormat Format = DatasetFormat.Auto,
    ImportErrorPolicy OnError = ImportErrorPolicy.SkipBadItems,
    ImportMode Mode = ImportMode.NewSnapshot,
    string? TargetColumn = null,
    IReadOnlyDictionary<string, ColumnType>? ColumnTypes = null,
    string? TextColumn = null,
    string? LabelColumn = null);

public sealed record ImportProblemDto(string File, string Message);

/// <summary>The downloadable report of an import: what was imported and every problem found.</summary>
public sealed record ImportReportDto(
    string Dataset, DatasetFormat Format, DatasetKind? Kind, int Imported, int Skipped, int? VersionNumber, bool Refused,
    IReadOnlyList<ImportProblemDto> Problems);

public sealed record SplitRequest(double Train = 0.8, double Validation = 0.1, double Test = 0.1, int Seed = 42, bool Stratified = true);

public sealed record StartExportRequest(DatasetFormat Format);

/// <summary>An export format that fits a version: a short name, what the file holds in one line, and its file suffix.</summary>
public sealed record ExportFormatDto(DatasetFormat Format, string Name, string Description, string FileSuffix);

public sealed record CreateUploadRequest(string FileName, long Size, string? Sha256 = null);

public sealed record UploadDto(
    Guid Id, string FileName, long Size, long ReceivedBytes, UploadState State, string? Sha256, int MaxChunkBytes,
    DateTimeOffset CreatedAt);

public sealed record StorageDto(long UsedBytes, long QuotaBytes, int BlobCount);

public sealed record SetStorageQuotaRequest(long? QuotaBytes);
