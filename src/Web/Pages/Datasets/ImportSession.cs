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
    public FieldErrors Errors { get; } = new();
    public OperationDto? Operation { get; set; }

    public StartImportRequest ToRequest(IReadOnlyList<Guid> uploadIds) => new(
        uploadIds, Format, OnError, Mode, Blank(TargetColumn), null, Blank(TextColumn), Blank(LabelColumn));

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
