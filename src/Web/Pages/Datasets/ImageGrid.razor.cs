using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.JSInterop;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>One row of the gallery: positions in the pager.</summary>
public sealed record GalleryRow(int Row, int[] Indexes);

/// <summary>
/// A virtualized grid of thumbnails. The column count follows the container's width (ResizeObserver in portal.js);
/// rows are asked for by index and the pager reads the pages that hold them, wherever they are.
/// </summary>
public partial class ImageGrid : IItemView, IAsyncDisposable
{
    private const int MinTileWidth = 160;
    private const int Gap = 12;
    private const float RowHeight = 212;
    private ElementReference _container;
    private Virtualize<GalleryRow>? _virtualize;
    private DotNetObjectReference<ImageGrid>? _self;
    private int? _observerId;
    private int? _keysId;
    private int _columns;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired] public ItemPager Pager { get; set; } = default!;
    /// <summary>Changes with every new filter or order: starts the grid afresh.</summary>
    [Parameter] public int Generation { get; set; }
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public DatasetVersionDto Version { get; set; } = default!;
    [Parameter] public EventCallback<int> OnOpen { get; set; }

    private int RowCount => _columns == 0 ? 0 : (Pager.EstimatedTotal + _columns - 1) / _columns;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _observerId = await JS.InvokeAsync<int>("platformPortal.observeWidth", _container, _self);
        _keysId = await JS.InvokeAsync<int>("platformPortal.listenGrid", _container, _self);
    }

    [JSInvokable]
    public void OnWidthChanged(double width)
    {
        var columns = Math.Max(1, (int)((width + Gap) / (MinTileWidth + Gap)));
        if (columns == _columns) return;
        _columns = columns;
        StateHasChanged();
    }

    /// <summary>Loads the item's page, scrolls its row into view and focuses it (a jump, or a key to a tile not rendered).</summary>
    [JSInvokable]
    public async Task ShowIndex(int index)
    {
        if (_columns == 0) return;
        await Pager.EnsureRangeAsync(index - index % _columns, _columns, CancellationToken.None);
        if (Pager.Total is { } total) index = Math.Min(index, total - 1);
        if (Pager[index] is null) return;
        if (_virtualize is not null) await _virtualize.RefreshDataAsync();
        StateHasChanged();
        await JS.InvokeVoidAsync("platformPortal.showIndex", _container, ".gallery-row", index / _columns, index);
    }

    Task IItemView.ShowAsync(int index) => ShowIndex(index);

    private async ValueTask<ItemsProviderResult<GalleryRow>> ProvideRowsAsync(ItemsProviderRequest request)
    {
        var columns = _columns;
        var pager = Pager;
        try
        {
            await pager.EnsureRangeAsync(request.StartIndex * columns, request.Count * columns, request.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Feedback.ErrorAsync(ex);
        }
        var total = pager.EstimatedTotal;
        var rows = new List<GalleryRow>();
        for (var r = request.StartIndex; r < request.StartIndex + request.Count && r * columns < total; r++)
        {
            var indexes = Enumerable.Range(r * columns, Math.Min(columns, total - r * columns)).Where(i => pager[i] is not null).ToArray();
            if (indexes.Length == 0) break;
            rows.Add(new GalleryRow(r, indexes));
        }
        return new ItemsProviderResult<GalleryRow>(rows, (pager.EstimatedTotal + columns - 1) / columns);
    }

    private async Task OpenOnKeyAsync(KeyboardEventArgs e, int index)
    {
        if (e.Key is "Enter" or " ") await OnOpen.InvokeAsync(index);
    }

    /// <summary>The tile's chip: the class, or for detection the boxes' classes.</summary>
    internal static string? TileLabel(DatasetItemDto item)
    {
        if (!string.IsNullOrEmpty(item.Label)) return item.Label;
        if (item.Boxes.Count == 0) return null;
        var labels = item.Boxes.Select(b => b.Label).Distinct().ToList();
        return labels.Count == 1 ? $"{labels[0]} ×{item.Boxes.Count}" : $"{labels[0]} +{item.Boxes.Count - 1}";
    }

    internal static string FileName(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_observerId is { } id) await JS.InvokeVoidAsync("platformPortal.unobserve", id);
            if (_keysId is { } keys) await JS.InvokeVoidAsync("platformPortal.unlistenGrid", keys);
        }
        catch (JSException) { }
        catch (JSDisconnectedException) { }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
