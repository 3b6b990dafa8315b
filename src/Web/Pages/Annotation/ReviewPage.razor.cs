using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// The reviewer's screen: the project's tasks in one state (annotated by default), paged; the selected one large with its
/// annotation, accepted with "a" or rejected with "r" and a comment, after which the next one is shown.
/// </summary>
public partial class ReviewPage
{
    private static readonly AnnotationTaskState[] Filters = [AnnotationTaskState.Annotated, AnnotationTaskState.Accepted, AnnotationTaskState.Rejected];
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly CancellationTokenSource _cts = new();
    private readonly List<AnnotationTaskDto> _tasks = [];
    private AnnotationProjectDto? _project;
    private AnnotationTaskState _filter = AnnotationTaskState.Annotated;
    private string? _next;
    private int _selected;
    private bool _notFound;
    private bool _loadingTasks;
    private bool _loadingMore;
    private bool _rejecting;
    private bool _reviewing;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private bool CanReview => State.Current?.MyRole >= WorkspaceRole.Member;
    private AnnotationTaskDto? Current => _selected >= 0 && _selected < _tasks.Count ? _tasks[_selected] : null;

    private string EmptyTitle => _filter switch
    {
        AnnotationTaskState.Annotated => "Nothing to review right now",
        AnnotationTaskState.Accepted => "Nothing accepted yet",
        _ => "Nothing rejected",
    };

    private static string ReviewSubtitle(AnnotationProjectDto p) =>
        $"{Format.Count(p.Progress.Annotated)} not yet reviewed · {Format.Count(p.Progress.Accepted)} accepted · {Format.Count(p.Progress.Rejected)} rejected";

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _project = null;
        _notFound = false;
        _tasks.Clear();
        _next = null;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        try
        {
            var first = _project is null;
            _project = await Api.GetAnnotationProjectAsync(workspace.Id, Id, _cts.Token);
            // Live reloads keep the reviewer's place; only an empty list is read again (new work may have arrived).
            if (first || _tasks.Count == 0) await LoadTasksAsync(workspace);
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            _notFound = true;
        }
    }

    private async Task LoadTasksAsync(WorkspaceDto workspace)
    {
        _loadingTasks = true;
        try
        {
            var page = await Api.ListAnnotationTasksAsync(workspace.Id, Id, new AnnotationTaskQuery(_filter, Limit: Paging.DefaultLimit), _cts.Token);
            _tasks.Clear();
            _tasks.AddRange(page.Items);
            _next = page.NextCursor;
            _selected = 0;
            _rejecting = false;
        }
        finally
        {
            _loadingTasks = false;
        }
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null || _loadingMore) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListAnnotationTasksAsync(ws.Id, Id, new AnnotationTaskQuery(_filter, Cursor: _next, Limit: Paging.DefaultLimit), _cts.Token);
            _tasks.AddRange(page.Items.Where(t => _tasks.All(x => x.Id != t.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task FilterAsync(AnnotationTaskState state)
    {
        if (Workspace is not { } ws || state == _filter) return;
        _filter = state;
        _tasks.Clear();
        _next = null;
        await Feedback.TryAsync(() => LoadTasksAsync(ws));
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type == LiveEvents.AnnotationChanged && e.ResourceId == Id.ToString() && _project is not null) ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
        if (_keysId is { } id) _ = UnlistenAsync(id);
    }
}
