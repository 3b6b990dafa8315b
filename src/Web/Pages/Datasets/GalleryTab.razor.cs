using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>
/// Filters (label, split, file name) and the order over one version's items; a new filter or order starts a new
/// <see cref="ItemPager"/>. "Go to item #" reads only the page holding that position.
/// </summary>
public partial class GalleryTab : IDisposable
{
    private static readonly DatasetSplit[] Splits = [DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test, DatasetSplit.None];
    private readonly CancellationTokenSource _cts = new();
    private ItemPager? _pager;
    private int _generation;
    private bool _loading;
    private Guid? _versionId;
    private Guid? _openedItemId;
    private string _label = "";
    private string _split = "";
    private string _search = "";
    private ItemOrder _order = ItemOrder.Path;
    private int? _jumpTo;
    private ImageGrid? _grid;
    private ItemTable? _table;
    private IReadOnlyList<TableColumnDto> _columns = [];

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public DatasetVersionDto Version { get; set; } = default!;
    /// <summary>An item of <see cref="Version"/> to open at once (a link from elsewhere, such as a run's results).</summary>
    [Parameter] public Guid? OpenItemId { get; set; }

    private bool Filtered => _label.Length > 0 || _split.Length > 0 || _search.Trim().Length > 0;

    /// <summary>Mixing deals items round-robin by class, which needs classes on the items (not boxes).</summary>
    private bool CanMix => Version.Kind != DatasetKind.ObjectDetection && Version.Classes.Count > 1;

    private static string OrderName(ItemOrder order) => order == ItemOrder.Mixed ? "Mixed classes" : "By file path";

    private string CountText => _pager switch
    {
        null => "",
        { Total: { } total } => $"{Format.Count(total)} items",
        _ => $"{Format.Count(_pager.LoadedEnd)}+ items",
    };

    protected override async Task OnParametersSetAsync()
    {
        if (Version.Id != _versionId)
        {
            _versionId = Version.Id;
            if (_label.Length > 0 && !Version.Classes.Contains(_label)) _label = "";
            if (!CanMix) _order = ItemOrder.Path;
            _columns = [];
            if (Version.Kind == DatasetKind.Table)
                await Feedback.TryAsync(async () => _columns = (await Api.GetVersionStatsAsync(WorkspaceId, DatasetId, Version.Number, _cts.Token)).Columns);
            await RebuildAsync();
        }
        if (OpenItemId is { } itemId && itemId != _openedItemId)
        {
            _openedItemId = itemId;
            await OpenItemAsync(itemId);
        }
    }

    private async Task RebuildAsync()
    {
        var ws = WorkspaceId;
        var dataset = DatasetId;
        var number = Version.Number;
        var label = _label.Length > 0 ? _label : null;
        DatasetSplit? split = Enum.TryParse<DatasetSplit>(_split, out var s) ? s : null;
        var search = _search.Trim() is { Length: > 0 } text ? text : null;
        var order = _order;
        var pager = new ItemPager((page, ct) => Api.ListItemsAsync(ws, dataset, number,
                new ItemQuery(label, split, search, order, page.Cursor, page.Position, page.Limit), ct),
            label is null && split is null && search is null ? Version.ItemCount : null);
        _pager = pager;
        _generation++;
        _loading = true;
        StateHasChanged();
        await Feedback.TryAsync(() => pager.EnsureAsync(ItemPager.PageSize, _cts.Token));
        if (_pager == pager) _loading = false;
    }

    private async Task LabelChangedAsync(string value)
    {
        _label = value ?? "";
        await RebuildAsync();
    }

    private async Task SplitChangedAsync(string value)
    {
        _split = value ?? "";
        await RebuildAsync();
    }

    private async Task SearchChangedAsync(string value)
    {
        _search = value ?? "";
        await RebuildAsync();
    }

    private async Task OrderChangedAsync(ItemOrder value)
    {
        _order = value;
        await RebuildAsync();
    }

    private async Task JumpAsync()
    {
        if (_jumpTo is not { } number || _pager is null) return;
        if (number < 1 || number > _pager.Total)
        {
            Feedback.Error($"Give a number from 1 to {Format.Count(_pager.Total ?? 1)}.");
            return;
        }
        IItemView? view = _grid is not null ? _grid : _table;
        if (view is not null) await Feedback.TryAsync(() => view.ShowAsync(number - 1));
    }

    private async Task ClearFiltersAsync()
    {
        _label = _split = _search = "";
        await RebuildAsync();
    }

    private async Task OpenAsync(int index)
    {
        if (_pager is { } pager) await ShowAsync(pager, index);
    }

    /// <summary>Opens one item by id, on its own (it may be anywhere in the gallery's order).</summary>
    private async Task OpenItemAsync(Guid itemId)
    {
        DatasetItemDto? item = null;
        await Feedback.TryAsync(async () => item = await Api.GetItemAsync(WorkspaceId, DatasetId, Version.Number, itemId, _cts.Token));
        if (item is null) return;
        var single = new ItemPager((_, _) => Task.FromResult(new Page<DatasetItemDto>([item], null)), 1);
        await single.EnsureAsync(1, _cts.Token);
        await ShowAsync(single, 0);
    }

    private async Task ShowAsync(ItemPager pager, int index)
    {
        var parameters = new DialogParameters<ItemDialog>
        {
            { d => d.WorkspaceId, WorkspaceId }, { d => d.DatasetId, DatasetId }, { d => d.Version, Version },
            { d => d.Pager, pager }, { d => d.Index, index }, { d => d.Columns, _columns },
        };
        await Dialogs.ShowAsync<ItemDialog>("Item", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true });
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
