using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>What the Import tab holds while the user switches tabs: the uploads, the chosen options and the running import.</summary>
public sealed class ImportSession(UploadQueue uploads) : IAsyncDisposable
{
    public UploadQueue Uploads => uploads;
    public DatasetFormat Format { get; set; } = DatasetFormat.Auto;
    public ImportErrorPolicy OnError { get; set; } = ImportErrorPolicy.SkipBadItems;
    public ImportMode Mode { get; set; } = ImportMode.NewSnapshot;
    public string TargetColumn { get; set; } = "";
    public string TextColumn { get; set; } = "";
    public string LabelColumn { get; set; } = "";
    /// <summary>Type overrides for table columns, written "zip: Category, age: Number".</summary>
    public string ColumnTypes { get; set; } = "";
    public FieldErrors Errors { get; } = new();
    public OperationDto? Operation { get; set; }

    public StartImportRequest ToRequest(IReadOnlyList<Guid> uploadIds, IReadOnlyDictionary<string, ColumnType>? columnTypes) => new(
        uploadIds, Format, OnError, Mode, Blank(TargetColumn), columnTypes, Blank(TextColumn), Blank(LabelColumn));

    /// <summary>Reads <see cref="ColumnTypes"/>; null with a message when a part is not "name: Number|Category|Text".</summary>
    public (IReadOnlyDictionary<string, ColumnType>? Types, string? Error) ParseColumnTypes()
    {
        if (string.IsNullOrWhiteSpace(ColumnTypes)) return (null, null);
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var part in ColumnTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !Enum.TryParse<ColumnType>(part[(colon + 1)..].Trim(), ignoreCase: true, out var type) || !Enum.IsDefined(type))
                return (null, $"'{part}' is not 'column: Number', 'column: Category' or 'column: Text'.");
            types[part[..colon].Trim()] = type;
        }
        return (types, null);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public ValueTask DisposeAsync() => uploads.DisposeAsync();
}

/// <summary>A split or export started from the dataset page, shown until dismissed.</summary>
public sealed class TrackedOperation(string title, bool isExport, OperationDto operation)
{
    public string Title { get; } = title;
    public bool IsExport { get; } = isExport;
    public OperationDto Operation { get; } = operation;
}
