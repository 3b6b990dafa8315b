using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Shows the gallery's item at <see cref="Index"/>; ←/→ (portal.js) and the arrow buttons walk the pager.</summary>
public partial class ItemDialog : IAsyncDisposable
{
    private int _index;
    private bool _loadingNext;
    private DotNetObjectReference<ItemDialog>? _self;
    private int? _listenerId;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public DatasetVersionDto Version { get; set; } = default!;
    [Parameter, EditorRequired] public ItemPager Pager { get; set; } = default!;
    [Parameter] public int Index { get; set; }
    [Parameter] public IReadOnlyList<TableColumnDto> Columns { get; set; } = [];

    private DatasetItemDto Item => Pager[_index]!;
    private bool HasNext => Pager.Total is { } total ? _index + 1 < total : Pager[_index + 1] is not null || !Pager.IsComplete;
    private int CellCount => Math.Max(Columns.Count, Item.Cells?.Count ?? 0);

    private string PositionText => Pager.Total is { } total
        ? $"{Format.Count(_index + 1)} of {Format.Count(total)}"
        : $"{Format.Count(_index + 1)} of {Format.Count(Pager.LoadedEnd)}+";

    protected override void OnInitialized() => _index = Pager[Index] is null ? 0 : Index;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _listenerId = await JS.InvokeAsync<int>("platformPortal.listenKeys", _self, new[] { "ArrowLeft", "ArrowRight" }, new { });
    }

    [JSInvokable]
    public async Task OnShortcut(string key)
    {
        if (key == "ArrowLeft") await PreviousAsync();
        else if (key == "ArrowRight") await NextAsync();
    }

    private Task PreviousAsync() => MoveAsync(-1);

    /// <summary>The title (name, position, arrows) is rendered by the dialog instance, which must be told to redraw too.</summary>
    private void Refresh()
    {
        StateHasChanged();
        Dialog.StateHasChanged();
    }

    private Task NextAsync() => MoveAsync(1);

    /// <summary>Steps to the neighbor, reading its page first when a jump left it unloaded.</summary>
    private async Task MoveAsync(int step)
    {
        var target = _index + step;
        if (_loadingNext || target < 0) return;
        if (Pager[target] is null)
        {
            _loadingNext = true;
            await Feedback.TryAsync(() => Pager.EnsureRangeAsync(target, 1, CancellationToken.None));
            _loadingNext = false;
        }
        if (Pager[target] is not null) _index = target;
        Refresh();
    }

    private string ColumnName(int column) => column < Columns.Count ? Columns[column].Name : $"Column {column + 1}";

    private string Cell(int column) => Item.Cells is { } cells && column < cells.Count ? cells[column] ?? "" : "";

    private void Close() => Dialog.Close();

    public async ValueTask DisposeAsync()
    {
        if (_listenerId is { } id)
        {
            try { await JS.InvokeVoidAsync("platformPortal.unlisten", id); }
            catch (JSException) { }
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
