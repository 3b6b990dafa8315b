using Microsoft.AspNetCore.Components;
using Platform.Contracts;

namespace Platform.Web.Pages.Registry;

/// <summary>The workspace's registered models, newest first, searchable by name.</summary>
public partial class Models
{
    private readonly List<RegisteredModelDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _next;
    private string? _search;
    private bool _loaded;
    private bool _loadingMore;

    [Inject] private PlatformClient Api { get; set; } = default!;

    protected override void OnWorkspaceChanged()
    {
        _items.Clear();
        _next = null;
        _loaded = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        var page = await Api.ListModelsAsync(workspace.Id, limit: Paging.DefaultLimit, search: _search, ct: _cts.Token);
        _items.Clear();
        _items.AddRange(page.Items);
        _next = page.NextCursor;
        _loaded = true;
    }

    private async Task SearchAsync(string? search)
    {
        _search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        await ReloadAsync();
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListModelsAsync(ws.Id, _next, Paging.DefaultLimit, _search, _cts.Token);
            _items.AddRange(page.Items.Where(m => _items.All(i => i.Id != m.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    protected override void Disposing()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
