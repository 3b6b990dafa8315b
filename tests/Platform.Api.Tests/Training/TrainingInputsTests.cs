using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Jobs.Training;
using Platform.Ml;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

/// <summary>
/// A version is read for training in keyset pages into columns (items made on access, texts spilled to a file); small
/// pages here cross several page boundaries, and every item must come back once with its label, split and content.
/// </summary>
public abstract class TrainingInputsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task TextsAreReadInPagesWithTheirLabelsSplitsAndContent()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var lines = Enumerable.Range(0, 23).Select(i =>
            $$"""{"text": "text number {{i}} ünïcödé {{new string('x', i * 7)}}", "label": "{{(i % 3 == 0 ? "spam" : "ham")}}", "split": "{{(i % 4 == 0 ? "test" : "train")}}"}""");
        var (dataset, import) = await owner.ImportAsync(workspace.Id, Encoding.UTF8.GetBytes(string.Join('\n', lines)), "texts.jsonl", ct);
        import.ShouldHaveSucceeded();
        var expected = (await owner.AllItemsAsync(workspace.Id, dataset.Id, 1, ct)).ToDictionary(i => i.Id.ToString());

        using var inputs = await ReadAsync(dataset.LatestVersion!.Id, pageSize: 5, ct);

        var items = inputs.Items.ShouldNotBeNull();
        items.Count.ShouldBe(23);
        items.Select(i => i.Id).ShouldBeUnique();
        foreach (var item in items.Reverse())
        {
            var source = expected[item.Id];
            item.Label.ShouldBe(source.Label);
            item.Split.ShouldBe(source.Split == DatasetSplit.Test ? MlSplit.Test : MlSplit.Train);
            using var reader = new StreamReader(item.Open(), Encoding.UTF8);
            (await reader.ReadToEndAsync(ct)).ShouldBe(source.Text);
        }
    }

    [Fact]
    public async Task ImagesOpenTheirOwnBlobsAcrossPages()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 6), "shapes.zip", ct);
        var versionId = dataset.LatestVersion!.Id;
        Dictionary<string, (string? Label, string? Sha256)> expected;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            expected = await scope.ServiceProvider.GetRequiredService<PlatformDb>().DatasetItems.Where(i => i.VersionId == versionId)
                .ToDictionaryAsync(i => i.Id.ToString(), i => (i.Label, i.Sha256), ct);
        }

        using var inputs = await ReadAsync(versionId, pageSize: 4, ct);

        var items = inputs.Items.ShouldNotBeNull();
        items.Select(i => i.Id).ShouldBe(expected.Keys, ignoreOrder: true);
        Parallel.ForEach(items, item =>
        {
            using var stream = item.Open();
            Convert.ToHexStringLower(SHA256.HashData(stream)).ShouldBe(expected[item.Id].Sha256);
            item.Label.ShouldBe(expected[item.Id].Label);
        });
    }

    [Fact]
    public async Task TableRowsAreReadInPagesWithTheirCells()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var csv = "width,color,label\n" + string.Concat(Enumerable.Range(0, 13).Select(i => $"{i}.5,{(i % 2 == 0 ? "red" : "blue")},{(i % 3 == 0 ? "a" : "b")}\n"));
        var (dataset, _) = await owner.ImportAsync(workspace.Id, Encoding.UTF8.GetBytes(csv), "table.csv", ct);

        using var inputs = await ReadAsync(dataset.LatestVersion!.Id, pageSize: 3, ct);

        var table = inputs.Table.ShouldNotBeNull();
        table.Columns.ShouldBe(["width", "color", "label"]);
        table.Target.ShouldBe("label");
        table.Rows.Select(r => r.Values[0]).Order().ShouldBe(Enumerable.Range(0, 13).Select(i => $"{i}.5").Order());
        table.Rows.Count(r => r.Values[1] == "red").ShouldBe(7);
    }

    private async Task<TrainingInputs> ReadAsync(Guid versionId, int pageSize, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var version = await db.DatasetVersions.SingleAsync(v => v.Id == versionId, ct);
        return await TrainingInputs.ReadAsync(db, scope.ServiceProvider.GetRequiredService<BlobStore>(), version, ct, pageSize);
    }
}
