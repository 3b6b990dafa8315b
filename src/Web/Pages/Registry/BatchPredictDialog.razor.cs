using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Components;
using Platform.Web.Services;

namespace Platform.Web.Pages.Registry;

/// <summary>Starts a batch prediction of one model version over a dataset version and follows it until its file is ready.</summary>
public partial class BatchPredictDialog
{
    private readonly string _formId = "batch-form-" + Guid.NewGuid().ToString("N");
    private List<DatasetDto>? _datasets;
    private List<DatasetVersionDto> _versions = [];
    private Guid? _datasetId;
    private int? _version;
    private string _format = "csv";

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    private OperationLaunch Launch => _launch ??= new(Feedback);
    private OperationLaunch? _launch;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public RegisteredModelDto Model { get; set; } = default!;
    [Parameter, EditorRequired] public ModelVersionDto Version { get; set; } = default!;

    private bool CanStart => !Launch.Starting && _datasetId is not null && _version is not null;

    protected override async Task OnInitializedAsync()
    {
        await Feedback.TryAsync(async () =>
            _datasets = [.. (await Api.ListDatasetsAsync(WorkspaceId, limit: Paging.MaxLimit)).Items.Where(d => d.LatestVersion is not null)]);
        _datasets ??= [];
        var first = _datasets.FirstOrDefault(d => d.Id == Version.Dataset?.DatasetId) ?? _datasets.FirstOrDefault();
        if (first is not null) await ChooseDatasetAsync(first.Id);
    }

    private async Task ChooseDatasetAsync(Guid? id)
    {
        _datasetId = id;
        Launch.Error = null;
        _versions = [];
        _version = _datasets?.FirstOrDefault(d => d.Id == id)?.LatestVersion?.Number;
        if (id is not { } datasetId) return;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListVersionsAsync(WorkspaceId, datasetId, limit: Paging.MaxLimit);
            if (_datasetId == datasetId) _versions = [.. page.Items.OrderByDescending(v => v.Number)];
        });
    }

    private async Task StartAsync()
    {
        if (!CanStart) return;
        await Launch.StartAsync(() => Api.StartBatchPredictionAsync(WorkspaceId, Model.Id, Version.Number,
                new StartBatchPredictionRequest(_datasetId!.Value, _version!.Value, _format)));
    }

    private void Finished(OperationDto op)
    {
        Launch.Finished(op, "The prediction");
    }
}
