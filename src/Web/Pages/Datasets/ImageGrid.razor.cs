using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.JSInterop;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>One row of the gallery: indexes into the pager's items.</summary>
public sealed record GalleryRow(int Row, int[] Indexes);

/// <summary>
/// A virtualized grid of thumbnails. The column count follows the container's width (ResizeObserver in portal.js);
/// rows are asked for by index and the pager reads item pages by cursor until it has them.
/// </summary>
public partial class ImageGrid : IAsyncDisposable
{
    private const int MinTileWidth = 160;
    private const int Gap = 12;
    private const float RowHeight = 212;
    private ElementReference _container;
    private DotNetObjectReference<ImageGrid>? _self;
    private int? _observerId;
    private int _columns;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired] public ItemPager Pager { get; set; } = default!;
    /// <summary>Changes with every new filter: starts the grid afresh.</summary>
    [Parameter] public int Generation { get; set; }
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public DatasetVersionDto Version { get; set; } = default!;
    [Parameter] public EventCallback<int> OnOpen { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _observerId = await JS.InvokeAsync<int>("platformPortal.observeWidth", _container, _self);
    }

    [JSInvokable]
    public void OnWidthChanged(double width)
    {
        var columns = Math.Max(1, (int)((width + Gap) / (MinTileWidth + Gap)));
        if (columns == _columns) return;
        _columns = columns;
        StateHasChanged();
    }

    private async ValueTask<ItemsProviderResult<GalleryRow>> ProvideRowsAsync(ItemsProviderRequest request)
    {
        var columns = _columns;
        var pager = Pager;
        try
        {
            await pager.EnsureAsync((request.StartIndex + request.Count) * columns, request.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Feedback.ErrorAsync(ex);
        }
        var loadedRows = (pager.Items.Count + columns - 1) / columns;
        var totalRows = Math.Max(loadedRows, (pager.EstimatedTotal + columns - 1) / columns);
        var rows = new List<GalleryRow>();
        for (var r = request.StartIndex; r < Math.Min(request.StartIndex + request.Count, loadedRows); r++)
        {
            var first = r * columns;
            var count = Math.Min(columns, pager.Items.Count - first);
            rows.Add(new GalleryRow(r, Enumerable.Range(first, count).ToArray()));
        }
        return new ItemsProviderResult<GalleryRow>(rows, totalRows);
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

    internal static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_observerId is { } id)
        {
            try { await JS.InvokeVoidAsync("platformPortal.unobserve", id); }
            catch (JSException) { }
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
