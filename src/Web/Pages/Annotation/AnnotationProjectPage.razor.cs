using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// One annotation project, live: its progress, annotators, agreement (with overlap), labels and instructions, and the
/// ways into it (label, review) and out of it (a new dataset version, a retrain). Re-read when an annotation.changed event
/// names it; the retrain run's status also when a run.changed event names that run.
/// </summary>
public partial class AnnotationProjectPage
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(1));
    private readonly Throttle _runReload = new(TimeSpan.FromSeconds(1));
    private readonly CancellationTokenSource _cts = new();
    private AnnotationProjectDto? _project;
    private IReadOnlyList<AnnotatorStatsDto>? _annotators;
    private AnnotationAgreementDto? _agreement;
    private RunDto? _retrainRun;
    private string? _agreementError;
    private bool _notFound;
    private bool _deleting;
    private bool _savingOrder;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanLabel => State.Current?.MyRole >= WorkspaceRole.Annotator;
    private bool CanReview => State.Current?.MyRole >= WorkspaceRole.Member;
    private bool CanManage => State.Current?.MyRole >= WorkspaceRole.Maintainer;
    private bool CanPrelabel => _project is { } p && AnnotationText.PrelabelInput(p.Kind) is not null;
    private bool CanRetrain => _project is { Kind: not AnnotationKind.ObjectDetection };

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _project = null;
        _annotators = null;
        _agreement = null;
        _agreementError = null;
        _retrainRun = null;
        _notFound = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        try
        {
            var project = Api.GetAnnotationProjectAsync(workspace.Id, Id, _cts.Token);
            var annotators = Api.ListAnnotatorsAsync(workspace.Id, Id, _cts.Token);
            _project = await project;
            _annotators = await annotators;
            _notFound = false;
            await Task.WhenAll(LoadAgreementAsync(workspace, _project), LoadRetrainRunAsync(workspace, _project));
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            _project = null;
            _notFound = true;
        }
    }

    /// <summary>
    /// Agreement exists only with overlap. Its failure stays in its card (the rest of the page is fine), so a live
    /// reload does not raise it again and again.
    /// </summary>
    private async Task LoadAgreementAsync(WorkspaceDto workspace, AnnotationProjectDto project)
    {
        if (project.Overlap <= 1)
        {
            (_agreement, _agreementError) = (null, null);
            return;
        }
        try
        {
            _agreement = await Api.GetAnnotationAgreementAsync(workspace.Id, project.Id, _cts.Token);
            _agreementError = null;
        }
        catch (PlatformApiException ex)
        {
            _agreementError = ex.UserMessage;
        }
    }

    /// <summary>The retrain run for its status chip; when it cannot be read (deleted, say) the card keeps just its link.</summary>
    private async Task LoadRetrainRunAsync(WorkspaceDto workspace, AnnotationProjectDto project)
    {
        if (project.RetrainRunId is not { } runId)
        {
            _retrainRun = null;
            return;
        }
        try
        {
            _retrainRun = await Api.GetRunAsync(workspace.Id, runId, _cts.Token);
        }
        catch (PlatformApiException)
        {
            _retrainRun = null;
        }
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (_deleting || _project is not { } p) return;
        if (e.Type == LiveEvents.AnnotationChanged && e.ResourceId == Id.ToString()) ReloadSoon(_reload, _cts.Token);
        else if (e.Type == LiveEvents.RunChanged && p.RetrainRunId?.ToString() == e.ResourceId && e.Message != _retrainRun?.Status.ToString())
            _ = InvokeAsync(() => _runReload.RunAsync(async () =>
            {
                if (Workspace is { } ws && _project is { } now) await LoadRetrainRunAsync(ws, now);
                StateHasChanged();
            }, _cts.Token));
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
