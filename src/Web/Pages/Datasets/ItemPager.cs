using Platform.Contracts;

namespace Platform.Web.Pages.Datasets;

/// <summary>Where a page starts: after a cursor (the page before it is loaded) or at a position (the server seeks).</summary>
public sealed record ItemPageRequest(string? Cursor, int? Position, int Limit);

/// <summary>
/// The items of one version under one filter and order, read a page at a time wherever the gallery looks: the page
/// after a loaded one by its cursor, any other by its position, so a jump to item 59,000 reads one page, not 590.
/// </summary>
public sealed class ItemPager(Func<ItemPageRequest, CancellationToken, Task<Page<DatasetItemDto>>> fetch, int? knownTotal)
{
    public const int PageSize = 100;
    private readonly Dictionary<int, IReadOnlyList<DatasetItemDto>> _pages = [];
    private readonly Dictionary<int, string> _cursors = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int? _end;
    private int _loadedEnd;

    /// <summary>The item at a position, or null while its page is not loaded.</summary>
    public DatasetItemDto? this[int index] =>
        index >= 0 && _pages.TryGetValue(index / PageSize, out var page) && index % PageSize < page.Count ? page[index % PageSize] : null;

    /// <summary>True once a page ended the list, so <see cref="Total"/> is exact.</summary>
    public bool IsComplete => _end is not null;

    /// <summary>The exact count when known: the version's count (no filter) or where the last page ended.</summary>
    public int? Total => _end ?? knownTotal;

    /// <summary>For scroll bars: the exact count, or a page beyond the furthest item loaded.</summary>
    public int EstimatedTotal => Total ?? _loadedEnd + PageSize;

    /// <summary>One past the furthest item loaded.</summary>
    public int LoadedEnd => _loadedEnd;

    public Task EnsureAsync(int count, CancellationToken ct) => EnsureRangeAsync(0, count, ct);

    /// <summary>Reads the pages holding positions [start, start + count) that are not loaded yet, up to the end.</summary>
    public async Task EnsureRangeAsync(int start, int count, CancellationToken ct)
    {
        if (count <= 0) return;
        await _gate.WaitAsync(ct);
        try
        {
            for (var page = Math.Max(0, start) / PageSize; page <= (start + count - 1) / PageSize; page++)
            {
                if (_end is { } end && page * PageSize >= end) break;
                if (_pages.ContainsKey(page)) continue;
                var request = _cursors.TryGetValue(page - 1, out var cursor)
                    ? new ItemPageRequest(cursor, null, PageSize) : new ItemPageRequest(null, page == 0 ? null : page * PageSize, PageSize);
                var result = await fetch(request, ct);
                _pages[page] = result.Items;
                _loadedEnd = Math.Max(_loadedEnd, page * PageSize + result.Items.Count);
                if (result.NextCursor is { } next) _cursors[page] = next;
                else _end = page * PageSize + result.Items.Count;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
