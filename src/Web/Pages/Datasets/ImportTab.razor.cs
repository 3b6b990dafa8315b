using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>The Import tab: a view over the page's <see cref="ImportSession"/>, so uploads go on while other tabs are shown.</summary>
public partial class ImportTab : IDisposable
{
    private bool _starting;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired] public ImportSession Session { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public DatasetDto Dataset { get; set; } = default!;
    [Parameter] public bool HasVersions { get; set; }
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public EventCallback<OperationDto> OnImportFinished { get; set; }

    private FieldErrors Errors => Session.Errors;
    private bool ImportRunning => Session.Operation is { } op && !op.IsFinished();

    private bool CanStart => CanEdit && !_starting && !ImportRunning && !Session.Uploads.IsBusy && Session.Uploads.CompletedUploadIds.Count > 0;

    private string StartHint =>
        ImportRunning ? "An import is running."
        : Session.Uploads.IsBusy ? "Waiting for the uploads to finish…"
        : Session.Uploads.CompletedUploadIds.Count is var n and > 0 ? $"{n} uploaded file{(n == 1 ? "" : "s")} will be imported."
        : "Upload at least one file first.";

    /// <summary>Column fields matter for CSV and JSON Lines: shown for those formats, or for Auto when such a file is uploaded.</summary>
    private bool ShowColumns => Session.Format switch
    {
        DatasetFormat.CsvTable or DatasetFormat.CsvText or DatasetFormat.JsonlText => true,
        DatasetFormat.Auto => Session.Uploads.Entries.Any(e =>
            e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            || e.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    protected override void OnInitialized()
    {
        Session.Uploads.Changed += OnUploadsChanged;
        if (!HasVersions) Session.Mode = ImportMode.NewSnapshot;
    }

    private void OnUploadsChanged() => _ = InvokeAsync(StateHasChanged);

    private void SetColumn(string field, string? value)
    {
        value ??= "";
        if (field == nameof(StartImportRequest.TargetColumn)) Session.TargetColumn = value;
        else if (field == nameof(StartImportRequest.TextColumn)) Session.TextColumn = value;
        else if (field == nameof(StartImportRequest.ColumnTypes)) Session.ColumnTypes = value;
        else Session.LabelColumn = value;
        Errors.Clear(field);
    }

    private async Task StartAsync()
    {
        if (!CanStart) return;
        Errors.Clear();
        var (columnTypes, columnTypesError) = Session.ParseColumnTypes();
        if (columnTypesError is not null)
        {
            Errors.Set(nameof(StartImportRequest.ColumnTypes), columnTypesError);
            return;
        }
        _starting = true;
        var ids = Session.Uploads.CompletedUploadIds;
        try
        {
            Session.Operation = await Api.StartImportAsync(WorkspaceId, Dataset.Id, Session.ToRequest(ids, columnTypes));
            await Session.Uploads.ForgetAsync(ids);
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            var rest = Errors.AddFrom(ex, nameof(StartImportRequest.Format), nameof(StartImportRequest.Mode), nameof(StartImportRequest.UploadIds),
                nameof(StartImportRequest.TargetColumn), nameof(StartImportRequest.TextColumn), nameof(StartImportRequest.LabelColumn),
                nameof(StartImportRequest.ColumnTypes));
            if (rest is { Length: > 0 }) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task ImportFinishedAsync(OperationDto op)
    {
        Session.Operation = op;
        if (op.State == OperationState.Failed) Feedback.Error(op.Message ?? "The import failed.");
        await OnImportFinished.InvokeAsync(op);
    }

    public void Dispose()
    {
        Session.Uploads.Changed -= OnUploadsChanged;
        GC.SuppressFinalize(this);
    }
}
