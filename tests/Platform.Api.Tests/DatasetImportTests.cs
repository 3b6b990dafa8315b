using System.Net;
using System.Text.Json;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class DatasetImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AnImageLargerThanAThumbnailGetsAJpegThumbnail()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var zip = DatasetFixtures.Zip(("big/a.png", DatasetFixtures.Png(600, 300)), ("small/b.png", DatasetFixtures.Png(40, 30)));
        var (dataset, import) = await owner.ImportAsync(workspace.Id, zip, "sizes.zip", ct);
        import.ShouldHaveSucceeded();
        var items = await owner.AllItemsAsync(workspace.Id, dataset.Id, 1, ct);

        var big = items.Single(i => i.Label == "big");
        using var thumbnail = await owner.Http.GetAsync(PlatformClient.ItemThumbnailUrl(workspace.Id, dataset.Id, 1, big.Id), ct);
        thumbnail.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        using var decoded = SkiaSharp.SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(ct));
        (decoded.Width, decoded.Height).ShouldBe((256, 128));
        var small = items.Single(i => i.Label == "small");
        using var own = await owner.Http.GetAsync(PlatformClient.ItemThumbnailUrl(workspace.Id, dataset.Id, 1, small.Id), ct);
        own.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
    }

    [Fact]
    public async Task TheSampleDatasetImportsIntoAFirstVersionWithThumbnails()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var started = await owner.AddSampleDatasetAsync(workspace.Id, ct: ct);
        var done = await Wait.ForOperationAsync(owner, workspace.Id, started.Id, ct, seconds: 120);
        done.ShouldHaveSucceeded();
        done.Message!.ShouldContain("Imported 300 items into version 1");

        var dataset = await owner.GetDatasetAsync(workspace.Id, done.SubjectId!.Value, ct);
        dataset.Kind.ShouldBe(DatasetKind.ImageClassification);
        dataset.LatestVersion!.ItemCount.ShouldBe(300);
        dataset.LatestVersion.Classes.ShouldBe(["circle", "square", "triangle"]);
        var stats = await owner.GetVersionStatsAsync(workspace.Id, dataset.Id, 1, ct);
        stats.Classes.ShouldAllBe(c => c.Count == 100);
        stats.ImageSizes.Single(b => b.Count > 0).Range.ShouldBe("64 px"); // one size, one bar

        var circles = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, label: "circle", limit: 40, ct: ct);
        circles.Items.Count.ShouldBe(40);
        circles.Items.ShouldAllBe(i => i.Label == "circle" && i.Width == 64 && i.Height == 64);
        circles.Items.Select(i => i.Path).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        var next = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, label: "circle", cursor: circles.NextCursor, limit: 100, ct: ct);
        next.Items.Count.ShouldBe(60);
        next.NextCursor.ShouldBeNull();
        (await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, search: "square-007", ct: ct)).Items.ShouldHaveSingleItem();

        var item = circles.Items[0];
        using var thumbnail = await owner.Http.GetAsync(PlatformClient.ItemThumbnailUrl(workspace.Id, dataset.Id, 1, item.Id), ct);
        thumbnail.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var content = await owner.Http.GetAsync(PlatformClient.ItemContentUrl(workspace.Id, dataset.Id, 1, item.Id), ct);
        content.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var bytes = await content.Content.ReadAsByteArrayAsync(ct);
        bytes.Length.ShouldBe((int)item.Size);
        // A 64×64 image is its own thumbnail: none is made, the image itself is served.
        thumbnail.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await thumbnail.Content.ReadAsByteArrayAsync(ct)).ShouldBe(bytes);

        var report = JsonSerializer.Deserialize<ImportReportDto>(await owner.ResultAsync(workspace.Id, done, ct), PlatformClient.Json)!;
        report.Imported.ShouldBe(300);
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task BadItemsAreSkippedAndReportedOrRefuseTheWholeImport()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var zip = DatasetFixtures.Zip(
            ("cats/a.png", DatasetFixtures.Png()), ("cats/b.png", DatasetFixtures.Png(shade: 90)),
            ("dogs/c.png", DatasetFixtures.Png(shade: 100)), ("dogs/broken.png", [1, 2, 3, 4]), ("dogs/empty.png", []));

        var (refusedSet, refused) = await owner.ImportAsync(workspace.Id, zip, "pets.zip", ct, new StartImportRequest([], OnError: ImportErrorPolicy.RefuseImport));
        refused.State.ShouldBe(OperationState.Failed);
        refused.Message!.ShouldContain("Import refused");
        refusedSet.VersionCount.ShouldBe(0);
        (await owner.ListVersionsAsync(workspace.Id, refusedSet.Id, ct: ct)).Items.ShouldBeEmpty();
        var refusedReport = JsonSerializer.Deserialize<ImportReportDto>(await DownloadAsync(owner, workspace.Id, refused, ct), PlatformClient.Json)!;
        refusedReport.Refused.ShouldBeTrue();
        refusedReport.Problems.Select(p => p.File).ShouldBe(["dogs/broken.png", "dogs/empty.png"], ignoreOrder: true);

        var (dataset, skipped) = await owner.ImportAsync(workspace.Id, zip, "pets.zip", ct);
        skipped.ShouldHaveSucceeded();
        skipped.Message!.ShouldContain("skipped 2");
        dataset.LatestVersion!.ItemCount.ShouldBe(3);
    }

    [Fact]
    public async Task IdenticalFilesAreStoredOnceAcrossDatasets()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var zip = DatasetFixtures.ShapesZip(perClass: 5);
        (await owner.ImportAsync(workspace.Id, zip, "a.zip", ct)).Import.ShouldHaveSucceeded();
        var first = await owner.GetStorageAsync(workspace.Id, ct);
        (await owner.ImportAsync(workspace.Id, zip, "b.zip", ct)).Import.ShouldHaveSucceeded();
        var second = await owner.GetStorageAsync(workspace.Id, ct);
        second.BlobCount.ShouldBe(first.BlobCount);
        second.UsedBytes.ShouldBe(first.UsedBytes);
        first.BlobCount.ShouldBe(15 + 1); // the images and one manifest
    }

    [Fact]
    public async Task ATableImportsWithInferredColumnsAndATargetTheUserPicks()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, import) = await owner.ImportAsync(workspace.Id, DatasetFixtures.TableCsv(60), "flowers.csv", ct,
            new StartImportRequest([], TargetColumn: "species"));
        import.ShouldHaveSucceeded();
        dataset.Kind.ShouldBe(DatasetKind.Table);
        dataset.LatestVersion!.Classes.ShouldBe(["setosa", "versicolor", "virginica"]);
        var stats = await owner.GetVersionStatsAsync(workspace.Id, dataset.Id, 1, ct);
        stats.Columns.Select(c => (c.Name, c.Type)).ShouldBe([
            ("sepal_length", ColumnType.Number), ("sepal_width", ColumnType.Number), ("petal_length", ColumnType.Number),
            ("petal_width", ColumnType.Number), ("color", ColumnType.Category), ("species", ColumnType.Category)]);
        stats.Columns.Single(c => c.IsTarget).Name.ShouldBe("species");
        stats.Columns.Single(c => c.Name == "color").Missing.ShouldBeGreaterThan(0);
        stats.Columns[0].Min.ShouldNotBeNull();
        var rows = await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, limit: 5, ct: ct);
        rows.Items[0].Cells!.Count.ShouldBe(6);

        var wrongTarget = await owner.ImportIntoAsync(workspace.Id, dataset.Id, DatasetFixtures.TableCsv(10), "more.csv", ct,
            new StartImportRequest([], TargetColumn: "nope"));
        wrongTarget.State.ShouldBe(OperationState.Failed);
        wrongTarget.Message!.ShouldContain("nope");
    }

    [Fact]
    public async Task ImportRequestsAreValidatedPerField()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var dataset = await owner.CreateDatasetAsync(workspace.Id, new CreateDatasetRequest("Empty"), ct);
        var upload = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("half.zip", 100), ct);
        var error = await owner.StartImportAsync(workspace.Id, dataset.Id, new StartImportRequest([upload.Id, Guid.NewGuid()], Mode: ImportMode.AddToLatest), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.Keys.ShouldBe(["uploadIds", "mode"], ignoreOrder: true);
        error.Problem.Errors["uploadIds"].Length.ShouldBe(2);
        (await owner.CreateDatasetAsync(workspace.Id, new CreateDatasetRequest(""), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .Problem!.Errors!.Keys.ShouldBe(["name"]);
        (await owner.ListDatasetsAsync(workspace.Id, cursor: "not a cursor", ct: ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .Problem!.Errors!.Keys.ShouldBe(["cursor"]);
    }

    private static async Task<byte[]> DownloadAsync(PlatformClient client, Guid ws, OperationDto operation, CancellationToken ct)
    {
        using var response = await client.DownloadOperationResultAsync(ws, operation.Id, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }
}
