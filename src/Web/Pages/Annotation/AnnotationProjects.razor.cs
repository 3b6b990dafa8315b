using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>The workspace's annotation projects, newest first, with their progress kept current by live events.</summary>
public partial class AnnotationProjects
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly List<AnnotationProjectDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _next;
    private bool _loaded;
    private bool _loadingMore;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanCreate => State.Current?.MyRole >= WorkspaceRole.Maintainer;

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _items.Clear();
        _next = null;
        _loaded = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        // A live reload keeps the pages already shown (progress changes often, the list rarely).
        var pages = Math.Max(1, (int)Math.Ceiling(_items.Count / (double)Paging.DefaultLimit));
        var items = new List<AnnotationProjectDto>();
        string? cursor = null;
        for (var i = 0; i < pages; i++)
        {
            var page = await Api.ListAnnotationProjectsAsync(workspace.Id, cursor, Paging.DefaultLimit, _cts.Token);
            items.AddRange(page.Items.Where(p => items.All(x => x.Id != p.Id)));
            cursor = page.NextCursor;
            if (cursor is null) break;
        }
        _items.Clear();
        _items.AddRange(items);
        _next = cursor;
        _loaded = true;
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListAnnotationProjectsAsync(ws.Id, _next, Paging.DefaultLimit, _cts.Token);
            _items.AddRange(page.Items.Where(p => _items.All(i => i.Id != p.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task NewProjectAsync()
    {
        if (Workspace is not { } ws) return;
        var parameters = new DialogParameters<NewProjectDialog> { { d => d.WorkspaceId, ws.Id } };
        var dialog = await Dialogs.ShowAsync<NewProjectDialog>("New annotation project", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: AnnotationProjectDto created })
        {
            Feedback.Success($"Project “{created.Name}” created.");
            Nav.NavigateTo($"/annotation/{created.Id}");
        }
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type == LiveEvents.AnnotationChanged) ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
