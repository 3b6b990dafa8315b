using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Serving;

/// <summary>The workspace's endpoints, newest first, refreshed as they deploy, load, fail or go away.</summary>
public partial class Endpoints
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(1));
    private readonly List<EndpointDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _next;
    private bool _loaded;
    private bool _loadingMore;

    [Inject] private PlatformClient Api { get; set; } = default!;

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
        var page = await Api.ListEndpointsAsync(workspace.Id, limit: Paging.DefaultLimit, ct: _cts.Token);
        _items.Clear();
        _items.AddRange(page.Items);
        _next = page.NextCursor;
        _loaded = true;
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListEndpointsAsync(ws.Id, _next, Paging.DefaultLimit, ct: _cts.Token);
            _items.AddRange(page.Items.Where(e => _items.All(i => i.Id != e.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type == LiveEvents.EndpointChanged) ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
