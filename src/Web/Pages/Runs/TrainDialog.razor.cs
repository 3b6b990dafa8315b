using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>Starts a training run on a dataset version (given, or picked here) and closes with the queued run.</summary>
public partial class TrainDialog
{
    private readonly string _formId = "train-form-" + Guid.NewGuid().ToString("N");
    private readonly FieldErrors _errors = new();
    private readonly TrainSettingsModel _settings = new();
    private List<DatasetDto> _datasets = [];
    private List<ExperimentDto> _experiments = [];
    private bool _datasetsLoaded;
    private Guid? _datasetId;
    private int _version;
    private TrainingProposalDto? _proposal;
    private string? _template;
    private double _minutes = 30;
    private Guid? _experimentId;
    private string? _name;
    private RunPriority _priority = RunPriority.Normal;
    private bool _loading;
    private bool _starting;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    /// <summary>The dataset and version to train on; null lets the user pick a dataset (its latest version).</summary>
    [Parameter] public Guid? DatasetId { get; set; }
    [Parameter] public int? Version { get; set; }
    [Parameter] public Guid? ExperimentId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _experimentId = ExperimentId;
        await Feedback.TryAsync(async () =>
        {
            _experiments = [.. (await Api.ListExperimentsAsync(WorkspaceId, limit: Paging.MaxLimit)).Items];
            if (DatasetId is { } id && Version is { } version) await ProposeAsync(id, version);
            else
            {
                _datasets = [.. (await Api.ListDatasetsAsync(WorkspaceId, limit: Paging.MaxLimit)).Items.Where(d => d.LatestVersion is not null)];
                _datasetsLoaded = true;
            }
        });
    }

    private async Task DatasetChangedAsync(Guid? id)
    {
        _datasetId = id;
        _proposal = null;
        if (_datasets.FirstOrDefault(d => d.Id == id)?.LatestVersion is { } latest) await Feedback.TryAsync(() => ProposeAsync(id!.Value, latest.Number));
    }

    private async Task ProposeAsync(Guid datasetId, int version)
    {
        _loading = true;
        StateHasChanged();
        try
        {
            _datasetId = datasetId;
            _version = version;
            _proposal = await Api.GetTrainingProposalAsync(WorkspaceId, datasetId, version);
            _template = _proposal.Template;
            _minutes = _proposal.TimeBudgetMinutes;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task StartAsync()
    {
        if (_starting || _datasetId is not { } datasetId || _proposal?.Template is null) return;
        _errors.Clear();
        _settings.Check(_errors);
        if (_errors.Any) return;
        _starting = true;
        try
        {
            var run = await Api.StartTrainingAsync(WorkspaceId, new StartTrainingRequest(datasetId, _version, _template, _minutes, _experimentId,
                string.IsNullOrWhiteSpace(_name) ? null : _name.Trim(), _settings.ToDto(), _priority));
            Dialog.Close(DialogResult.Ok(run));
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            if (_errors.AddFrom(ex, [.. TrainSettingsModel.Fields, "template", "timeBudgetMinutes", "name"]) is { Length: > 0 } rest) Feedback.Error(rest);
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

    private void Cancel() => Dialog.Cancel();
}
