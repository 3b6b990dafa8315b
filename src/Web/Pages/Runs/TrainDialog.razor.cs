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
    private List<ExperimentDto> _experiments = [];
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
            if (DatasetId is not { } id || Version is not { } version) return;
            _loading = true;
            try
            {
                Propose(await Api.GetTrainingProposalAsync(WorkspaceId, id, version));
            }
            finally
            {
                _loading = false;
            }
        });
    }

    private void Propose(TrainingProposalDto? proposal)
    {
        _proposal = proposal;
        if (proposal is null) return;
        _template = proposal.Template;
        _minutes = proposal.TimeBudgetMinutes;
    }

    private async Task StartAsync()
    {
        if (_starting || _proposal is not { Template: not null } proposal) return;
        _errors.Clear();
        _settings.Check(_errors);
        if (_errors.Any) return;
        _starting = true;
        try
        {
            var run = await Api.StartTrainingAsync(WorkspaceId, new StartTrainingRequest(proposal.DatasetId, proposal.Version, _template, _minutes, _experimentId,
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
