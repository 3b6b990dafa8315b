using Platform.Contracts;
using Platform.Web.Pages.Datasets;

namespace Platform.Web.Tests;

public class ItemPagerTests
{
    private readonly List<ItemPageRequest> _requests = [];

    [Fact]
    public async Task AJumpReadsOnlyThePageThatHoldsThePosition()
    {
        var pager = new ItemPager(FetchAsync(60_000), 60_000);
        await pager.EnsureRangeAsync(59_050, 8, CancellationToken.None);

        _requests.ShouldBe([new ItemPageRequest(null, 59_000, ItemPager.PageSize)]);
        pager[59_050]!.Path.ShouldBe("item 59050");
        pager[58_999].ShouldBeNull();
        pager.Total.ShouldBe(60_000);
    }

    [Fact]
    public async Task ThePageAfterALoadedOneIsReadByItsCursorAndTheLastEndsTheList()
    {
        var pager = new ItemPager(FetchAsync(250), knownTotal: null);
        await pager.EnsureRangeAsync(100, 1, CancellationToken.None);
        await pager.EnsureRangeAsync(200, 1, CancellationToken.None);
        pager.IsComplete.ShouldBeTrue(); // the page read by cursor had no next one
        await pager.EnsureRangeAsync(0, 300, CancellationToken.None);

        _requests.Select(r => (r.Cursor, r.Position)).ShouldBe([(null, 100), ("after 199", null), (null, null)]);
        pager.IsComplete.ShouldBeTrue();
        pager.Total.ShouldBe(250);
        pager[249]!.Path.ShouldBe("item 249");
        pager[250].ShouldBeNull();
    }

    /// <summary>A server of <paramref name="count"/> items whose cursor names the last position of its page.</summary>
    private Func<ItemPageRequest, CancellationToken, Task<Page<DatasetItemDto>>> FetchAsync(int count) => (request, _) =>
    {
        _requests.Add(request);
        var start = request.Cursor is { } cursor ? int.Parse(cursor["after ".Length..]) + 1 : request.Position ?? 0;
        var items = Enumerable.Range(start, Math.Max(0, Math.Min(request.Limit, count - start)))
            .Select(i => new DatasetItemDto(Guid.NewGuid(), $"item {i}", null, DatasetSplit.None, 0, null, null, [], null, null)).ToList();
        var end = start + items.Count;
        return Task.FromResult(new Page<DatasetItemDto>(items, end < count ? $"after {end - 1}" : null));
    };
}
