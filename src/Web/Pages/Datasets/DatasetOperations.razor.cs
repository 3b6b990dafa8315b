using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Lists the dataset's operations, newest first; re-reads the first page on operation or dataset events (at most every 2 s).</summary>
public partial class DatasetOperations : IDisposable
{
    private const int PageSize = 20;
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly CancellationTokenSource _cts = new();
    private readonly List<OperationDto> _items = [];
    /// <summary>Operations of other datasets: their events are ignored once a reload showed they are not ours.</summary>
    private readonly HashSet<Guid> _foreign = [];
    private readonly HashSet<Guid> _unknownSeen = [];
    private string? _next;
    private bool _loading;
    private bool _loaded;
    private Guid? _lastRefreshKey;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    /// <summary>Changes when an operation was just started here: the list re-reads.</summary>
    [Parameter] public Guid? RefreshKey { get; set; }

    protected override async Task OnInitializedAsync()
    {
        State.Live.Received += OnLiveEvent;
        _lastRefreshKey = RefreshKey;
        await LoadFirstAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (RefreshKey == _lastRefreshKey) return;
        _lastRefreshKey = RefreshKey;
        await LoadFirstAsync();
    }

    private async Task LoadFirstAsync()
    {
        _reload.Ran();
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListDatasetOperationsAsync(WorkspaceId, DatasetId, null, PageSize, _cts.Token);
            _items.Clear();
            _items.AddRange(page.Items);
            _next = page.NextCursor;
            _loaded = true;
            foreach (var id in _unknownSeen.Where(id => _items.All(i => i.Id != id))) _foreign.Add(id);
            _unknownSeen.Clear();
        });
        _loading = false;
    }

    private async Task LoadMoreAsync()
    {
        if (_next is null) return;
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListDatasetOperationsAsync(WorkspaceId, DatasetId, _next, PageSize, _cts.Token);
            _items.AddRange(page.Items.Where(o => _items.All(i => i.Id != o.Id)));
            _next = page.NextCursor;
        });
        _loading = false;
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (!IsRelevant(e)) return;
        _ = InvokeAsync(() => _reload.RunAsync(async () =>
        {
            await LoadFirstAsync();
            StateHasChanged();
        }, _cts.Token));
    }

    private bool IsRelevant(LiveEventDto e)
    {
        if (e.Type == LiveEvents.DatasetChanged) return e.ResourceId == DatasetId.ToString();
        if (e.Type != LiveEvents.OperationChanged || !Guid.TryParse(e.ResourceId, out var id) || _foreign.Contains(id)) return false;
        if (_items.All(i => i.Id != id)) _unknownSeen.Add(id); // Maybe a new operation of this dataset: one reload tells.
        return true;
    }

    public void Dispose()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
