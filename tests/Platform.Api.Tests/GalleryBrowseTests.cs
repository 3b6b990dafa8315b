using System.Net;
using System.Text;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>The gallery's items API: a jump to any position, the mixed order, and image-size charts without empty ends.</summary>
public abstract class GalleryBrowseTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AJumpToAPositionGivesTheSameItemsAsReadingThePagesBeforeIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, import) = await owner.ImportAsync(workspace.Id, TextItems(3000), "items.jsonl", ct);
        import.ShouldHaveSucceeded();
        var all = await owner.AllItemsAsync(workspace.Id, dataset.Id, 1, ct);
        all.Count.ShouldBe(3000);

        var jump = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Position: 2345, Limit: 50), ct);
        jump.Items.Select(i => i.Id).ShouldBe(all.Skip(2345).Take(50).Select(i => i.Id));
        var after = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Cursor: jump.NextCursor, Limit: 10), ct);
        after.Items.Select(i => i.Id).ShouldBe(all.Skip(2395).Take(10).Select(i => i.Id));

        var last = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Position: 2999, Limit: 50), ct);
        last.Items.Single().Id.ShouldBe(all[^1].Id);
        last.NextCursor.ShouldBeNull();
        (await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Position: 0, Limit: 3), ct)).Items.Select(i => i.Id)
            .ShouldBe(all.Take(3).Select(i => i.Id));

        // Under a filter the position counts the matching items only.
        var labeled = all.Where(i => i.Label == "class-4").ToList();
        var filtered = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Label: "class-4", Position: 250, Limit: 5), ct);
        filtered.Items.Select(i => i.Id).ShouldBe(labeled.Skip(250).Take(5).Select(i => i.Id));
    }

    [Fact]
    public async Task APositionPastTheEndNegativeOrWithACursorIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, TextItems(30), "items.jsonl", ct);
        var first = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Limit: 10), ct);

        async Task<string> Refused(ItemQuery query)
        {
            var error = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, query, ct).ShouldFailWith(HttpStatusCode.BadRequest);
            error.Problem!.Errors!.ShouldContainKey("position");
            return error.UserMessage;
        }
        (await Refused(new ItemQuery(Position: 30))).ShouldContain("30 items match, so the last position is 29");
        (await Refused(new ItemQuery(Position: 5000, Order: ItemOrder.Mixed))).ShouldContain("past the end");
        (await Refused(new ItemQuery(Position: 5, Label: "class-1"))).ShouldContain("3 items match");
        (await Refused(new ItemQuery(Position: -1))).ShouldContain("cannot be negative");
        (await Refused(new ItemQuery(Position: 3, Cursor: first.NextCursor))).ShouldContain("not both");
        (await Refused(new ItemQuery(Position: 1, Label: "nobody"))).ShouldContain("No items match");
    }

    [Fact]
    public async Task TheMixedOrderDealsOneItemPerClassRoundAfterRound()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var png = DatasetFixtures.Png;
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.Zip(
            ("cats/1.png", png(16, 12, 1)), ("cats/2.png", png(16, 12, 2)), ("cats/3.png", png(16, 12, 3)), ("cats/4.png", png(16, 12, 4)),
            ("cats/5.png", png(16, 12, 5)), ("dogs/1.png", png(16, 12, 6)), ("dogs/2.png", png(16, 12, 7)), ("birds/1.png", png(16, 12, 8))),
            "pets.zip", ct);

        var mixed = await ReadAllAsync(owner, workspace.Id, dataset.Id, new ItemQuery(Order: ItemOrder.Mixed, Limit: 3), ct);
        mixed.Select(i => i.Path).ShouldBe(
            ["birds/1.png", "cats/1.png", "dogs/1.png", "cats/2.png", "dogs/2.png", "cats/3.png", "cats/4.png", "cats/5.png"]);

        // Stable: the same pages every time, and a jump lands where reading page after page does.
        (await ReadAllAsync(owner, workspace.Id, dataset.Id, new ItemQuery(Order: ItemOrder.Mixed, Limit: 5), ct)).Select(i => i.Id)
            .ShouldBe(mixed.Select(i => i.Id));
        var jump = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Order: ItemOrder.Mixed, Position: 4, Limit: 2), ct);
        jump.Items.Select(i => i.Path).ShouldBe(["dogs/2.png", "cats/3.png"]);
        var next = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Order: ItemOrder.Mixed, Cursor: jump.NextCursor, Limit: 2), ct);
        next.Items.Select(i => i.Path).ShouldBe(["cats/4.png", "cats/5.png"]);

        // Filters apply before the classes are dealt.
        var search = await ReadAllAsync(owner, workspace.Id, dataset.Id, new ItemQuery(Search: "2.png", Order: ItemOrder.Mixed), ct);
        search.Select(i => i.Path).ShouldBe(["cats/2.png", "dogs/2.png"]);
        var pathCursor = (await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Limit: 2), ct)).NextCursor;
        await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, new ItemQuery(Order: ItemOrder.Mixed, Cursor: pathCursor), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ImageSizeBinsSpanTheSizesTheVersionHas()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var png = DatasetFixtures.Png;
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.Zip(
            ("a/1.png", png(300, 200, 1)), ("a/2.png", png(310, 310, 2)), ("b/3.png", png(420, 100, 3)), ("b/4.png", png(480, 480, 4))),
            "sizes.zip", ct);

        var bins = (await owner.GetVersionStatsAsync(workspace.Id, dataset.Id, 1, ct)).ImageSizes;
        bins.Sum(b => b.Count).ShouldBe(4);
        bins[0].Count.ShouldBeGreaterThan(0);
        bins[^1].Count.ShouldBeGreaterThan(0);
        bins.Count.ShouldBeGreaterThan(2); // 300 to 480 px is not one bar
        bins[0].Range.ShouldStartWith("300");
    }

    private static async Task<List<DatasetItemDto>> ReadAllAsync(PlatformClient client, Guid ws, Guid datasetId, ItemQuery query, CancellationToken ct)
    {
        var items = new List<DatasetItemDto>();
        do
        {
            var page = await client.ListItemsAsync(ws, datasetId, 1, query, ct);
            items.AddRange(page.Items);
            query = query with { Cursor = page.NextCursor };
        } while (query.Cursor is not null);
        return items;
    }

    private static byte[] TextItems(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append($"{{\"text\":\"item {i:D5}\",\"label\":\"class-{i % 10}\"}}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
