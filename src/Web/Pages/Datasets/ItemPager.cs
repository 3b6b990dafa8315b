using Platform.Contracts;

namespace Platform.Web.Pages.Datasets;

/// <summary>The items of one version under one filter, read page by page (cursor) as the gallery scrolls.</summary>
public sealed class ItemPager(Func<string?, int, CancellationToken, Task<Page<DatasetItemDto>>> fetch, int? knownTotal)
{
    public const int PageSize = 100;
    private readonly List<DatasetItemDto> _items = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _next;

    public IReadOnlyList<DatasetItemDto> Items => _items;
    public bool IsComplete { get; private set; }

    /// <summary>The exact count once all pages are read; before that the version's count (no filter) or a guess.</summary>
    public int EstimatedTotal => IsComplete ? _items.Count
        : knownTotal is { } known ? Math.Max(known, _items.Count) : _items.Count + PageSize;

    /// <summary>The exact count when known.</summary>
    public int? Total => IsComplete ? _items.Count : knownTotal;

    /// <summary>Reads pages until at least <paramref name="count"/> items are loaded or there are no more.</summary>
    public async Task EnsureAsync(int count, CancellationToken ct)
    {
        if (_items.Count >= count || IsComplete) return;
        await _gate.WaitAsync(ct);
        try
        {
            while (_items.Count < count && !IsComplete)
            {
                var page = await fetch(_next, PageSize, ct);
                _items.AddRange(page.Items);
                _next = page.NextCursor;
                IsComplete = _next is null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
