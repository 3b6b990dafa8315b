using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// The labeling screen: leases a batch of tasks, shows them one at a time, saves every change at once, and asks for the
/// next batch after the last item; keys come from annotation-canvas.js (see <see cref="OnKey"/>).
/// </summary>
public partial class LabelingPage
{
    private const int PrefetchCount = 3;
    private const string AutoAdvanceKey = "platform.annotation.autoAdvance";
    private static readonly TimeSpan SaveWait = TimeSpan.FromSeconds(15);
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly CancellationTokenSource _cts = new();
    private LabelingSession _session = new();
    private AnnotationSaver _saver = default!;
    private AnnotationProjectDto? _project;
    private AnnotationCanvas? _canvas;
    private int? _drawLabel;
    private bool _notFound;
    private bool _fetching;
    private bool _allDone;
    private bool _autoAdvance;
    /// <summary>Where this page leased tasks (workspace, project): given back when the page is left.</summary>
    private (Guid Workspace, Guid Project)? _holding;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private LocalStore Store { get; set; } = default!;

    private bool CanLabel => State.Current?.MyRole >= WorkspaceRole.Annotator;

    protected override async Task OnInitializedAsync()
    {
        State.Live.Received += OnLiveEvent;
        _autoAdvance = await Store.GetAsync(AutoAdvanceKey) == "true";
        await base.OnInitializedAsync();
    }

    protected override void OnWorkspaceChanged()
    {
        ReleaseHeld();
        _project = null;
        _notFound = false;
        _allDone = false;
        _session = new LabelingSession();
        if (_saver is not null) Unsubscribe(_saver);
        _saver = null!;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        try
        {
            var project = await Api.GetAnnotationProjectAsync(workspace.Id, Id, _cts.Token);
            var first = _project is null;
            _project = project;
            if (_drawLabel is null || project.Labels.All(l => l.Id != _drawLabel)) _drawLabel = project.Labels.FirstOrDefault()?.Id;
            if (!first) return;
            _saver = new AnnotationSaver(Api, workspace.Id, Id, project.Kind);
            _saver.Changed += OnSaverChanged;
            _saver.Conflict += OnConflict;
            _saver.Failed += OnSaveFailed;
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            _notFound = true;
            return;
        }
        await FetchBatchAsync();
    }

    private async Task SetAutoAdvanceAsync(bool value)
    {
        _autoAdvance = value;
        await Store.SetAsync(AutoAdvanceKey, value ? "true" : null);
        await FocusStageAsync();
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type == LiveEvents.AnnotationChanged && e.ResourceId == Id.ToString() && _project is not null) ReloadSoon(_reload, _cts.Token);
    }

    private void OnSaverChanged() => _ = InvokeAsync(StateHasChanged);

    private void Unsubscribe(AnnotationSaver saver)
    {
        saver.Changed -= OnSaverChanged;
        saver.Conflict -= OnConflict;
        saver.Failed -= OnSaveFailed;
    }

    /// <summary>
    /// Gives back the tasks this page holds (fire-and-forget), so others get the open ones at once instead of after the
    /// hold runs out: after this session's saves have landed, since a save needs the hold.
    /// </summary>
    private void ReleaseHeld()
    {
        if (_holding is not { } held) return;
        _holding = null;
        _ = ReleaseAsync(Api, held.Workspace, held.Project, _saver);
    }

    private static async Task ReleaseAsync(PlatformClient api, Guid workspaceId, Guid projectId, AnnotationSaver? saver)
    {
        try
        {
            for (var waited = TimeSpan.Zero; saver is { Busy: true } && waited < SaveWait; waited += TimeSpan.FromMilliseconds(50)) await Task.Delay(50);
            await api.ReleaseAnnotationTasksAsync(workspaceId, projectId);
        }
        catch (Exception ex) when (ex is PlatformApiException or HttpRequestException or TaskCanceledException)
        {
            // The holds run out by themselves.
        }
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        ReleaseHeld();
        if (_saver is not null) Unsubscribe(_saver);
        _cts.Cancel();
        _cts.Dispose();
        if (_keysId is { } id) _ = UnlistenAsync(id);
    }
}
