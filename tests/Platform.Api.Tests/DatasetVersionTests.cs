using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Jobs.Datasets;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Objects;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class DatasetVersionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AStratifiedSplitMakesANewVersionThatKeepsClassProportions()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 20), "shapes.zip", ct);
        var storageBefore = await owner.GetStorageAsync(workspace.Id, ct);

        var started = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.8, 0.1, 0.1, Seed: 3), ct);
        (await Wait.ForOperationAsync(owner, workspace.Id, started.Id, ct)).ShouldHaveSucceeded();
        var version = await owner.GetVersionAsync(workspace.Id, dataset.Id, 2, ct);
        version.Splits.ShouldBe(new SplitCountsDto(48, 6, 6, 0));
        version.ParentVersionId.ShouldBe(dataset.LatestVersion!.Id);
        version.Source.ShouldBe(VersionSourceKind.Split);
        version.SourceDetail.ShouldContain("seed 3 of version 1");
        foreach (var label in new[] { "circle", "square", "triangle" })
            (await owner.ListItemsAsync(workspace.Id, dataset.Id, 2, label: label, split: DatasetSplit.Test, ct: ct)).Items.Count.ShouldBe(2);

        // The new version reuses every image: only its manifest is new.
        (await owner.GetStorageAsync(workspace.Id, ct)).BlobCount.ShouldBe(storageBefore.BlobCount + 1);
        (await owner.GetVersionAsync(workspace.Id, dataset.Id, 1, ct)).Splits.None.ShouldBe(60);

        // The same seed gives the same split.
        var again = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.8, 0.1, 0.1, Seed: 3), ct);
        (await Wait.ForOperationAsync(owner, workspace.Id, again.Id, ct)).ShouldHaveSucceeded();
        (await owner.GetVersionAsync(workspace.Id, dataset.Id, 3, ct)).ManifestSha256.ShouldBe(version.ManifestSha256);
    }

    [Fact]
    public async Task DatasetActionsAreInTheWorkspacesAuditLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 2), "shapes.zip", ct, name: "Audited shapes");
        var split = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.5, 0.5, 0, Seed: 1), ct);
        await Wait.ForOperationAsync(owner, workspace.Id, split.Id, ct);
        var export = await owner.StartExportAsync(workspace.Id, dataset.Id, 1, new StartExportRequest(DatasetFormat.ImageFolders), ct);
        await Wait.ForOperationAsync(owner, workspace.Id, export.Id, ct);
        await owner.DeleteDatasetAsync(workspace.Id, dataset.Id, ct);

        var audit = (await owner.ListAuditAsync(workspace.Id, ct: ct)).Items.Where(a => a.Action.StartsWith("dataset.")).ToList();
        audit.Select(a => a.Action).ShouldBe(["dataset.deleted", "dataset.export-started", "dataset.split-started", "dataset.import-started", "dataset.created"]);
        audit.ShouldAllBe(a => a.Target!.StartsWith("Audited shapes"));
        audit.Single(a => a.Action == "dataset.export-started").Target.ShouldBe("Audited shapes v1 as ImageFolders");
    }

    [Fact]
    public async Task ADiffShowsItemsAddedRemovedAndRelabeled()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var png = DatasetFixtures.Png;
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.Zip(
            ("cats/1.png", png(16, 12, 1)), ("cats/2.png", png(16, 12, 2)), ("dogs/3.png", png(16, 12, 3))), "v1.zip", ct);
        var second = await owner.ImportIntoAsync(workspace.Id, dataset.Id, DatasetFixtures.Zip(
            ("cats/1.png", png(16, 12, 1)), ("dogs/3.png", png(16, 12, 3)), ("dogs/4.png", png(16, 12, 4)), ("birds/5.png", png(16, 12, 5))), "v2.zip", ct);
        second.ShouldHaveSucceeded();

        var diff = await owner.DiffVersionsAsync(workspace.Id, dataset.Id, 1, 2, ct);
        (diff.Added, diff.Removed, diff.Relabeled, diff.Unchanged).ShouldBe((2, 1, 0, 2));
        diff.Classes.ShouldContain(new ClassDiffDto("cats", 2, 1));
        diff.Classes.ShouldContain(new ClassDiffDto("birds", 0, 1));
        diff.Examples.ShouldContain(new ItemChangeDto("cats/2.png", "cats", null));
        await owner.DiffVersionsAsync(workspace.Id, dataset.Id, 1, 9, ct).ShouldFailWith(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADiffCountsItemsMovedBetweenSplits()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 20), "shapes.zip", ct);
        // The same seed shuffles the same way: the half that was validation in v2 is the half that is test in v3.
        foreach (var (number, request) in new[] { (1, new SplitRequest(0.5, 0.5, 0, Seed: 1)), (2, new SplitRequest(0.5, 0, 0.5, Seed: 1)) })
        {
            var split = await owner.SplitVersionAsync(workspace.Id, dataset.Id, number, request, ct);
            (await Wait.ForOperationAsync(owner, workspace.Id, split.Id, ct)).ShouldHaveSucceeded();
        }

        var first = await owner.DiffVersionsAsync(workspace.Id, dataset.Id, 1, 2, ct);
        (first.Added, first.Removed, first.Relabeled, first.Moved, first.Unchanged).ShouldBe((0, 0, 0, 60, 0));
        first.SplitMoves.ShouldBe([new SplitMoveDto(DatasetSplit.None, DatasetSplit.Train, 30), new SplitMoveDto(DatasetSplit.None, DatasetSplit.Validation, 30)]);

        var second = await owner.DiffVersionsAsync(workspace.Id, dataset.Id, 2, 3, ct);
        (second.Relabeled, second.Moved, second.Unchanged).ShouldBe((0, 30, 30));
        second.SplitMoves.ShouldBe([new SplitMoveDto(DatasetSplit.Validation, DatasetSplit.Test, 30)]);
        second.Examples.Count.ShouldBe(30);
        second.Examples.ShouldAllBe(e => e.FromSplit == DatasetSplit.Validation && e.ToSplit == DatasetSplit.Test && e.From == e.To);
    }

    [Fact]
    public async Task ADeletedDatasetCanBeRestoredUntilItIsPurgedWithItsUnusedBlobs()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (keep, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 3), "keep.zip", ct);
        var (gone, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.Zip(
            ("a/x.png", DatasetFixtures.Png(20, 20, 7)), ("b/y.png", DatasetFixtures.Png(20, 20, 8))), "gone.zip", ct);
        var before = await owner.GetStorageAsync(workspace.Id, ct);

        var deleted = await owner.DeleteDatasetAsync(workspace.Id, gone.Id, ct);
        deleted.DeletedAt.ShouldNotBeNull();
        deleted.PurgeAfter.ShouldNotBeNull();
        (await owner.ListDatasetsAsync(workspace.Id, ct: ct)).Items.Select(d => d.Id).ShouldBe([keep.Id]);
        (await owner.ListDatasetsAsync(workspace.Id, deleted: true, ct: ct)).Items.Select(d => d.Id).ShouldBe([gone.Id]);
        await owner.StartImportAsync(workspace.Id, gone.Id, new StartImportRequest([Guid.NewGuid()]), ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await owner.RestoreDatasetAsync(workspace.Id, gone.Id, ct)).DeletedAt.ShouldBeNull();
        await owner.DeleteDatasetAsync(workspace.Id, gone.Id, ct);

        // Retention has not ended: nothing is purged. Eight days later it has.
        (await PurgeAsync(TimeSpan.Zero, ct)).Datasets.ShouldBe(0);
        var purged = await PurgeAsync(TimeSpan.FromDays(8), ct);
        purged.Datasets.ShouldBeGreaterThanOrEqualTo(1);
        await owner.GetDatasetAsync(workspace.Id, gone.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        var after = await owner.GetStorageAsync(workspace.Id, ct);
        after.BlobCount.ShouldBe(before.BlobCount - 3); // two images and a manifest
        (await owner.AllItemsAsync(workspace.Id, keep.Id, 1, ct)).Count.ShouldBe(9);
        var sample = (await owner.ListItemsAsync(workspace.Id, keep.Id, 1, limit: 1, ct: ct)).Items[0];
        using var content = await owner.Http.GetAsync(PlatformClient.ItemContentUrl(workspace.Id, keep.Id, 1, sample.Id), ct);
        content.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ViewersBrowseButCannotChangeDatasets()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (viewer, user) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewer, workspace.Id, user.Email, WorkspaceRole.Viewer, ct);
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 2), "s.zip", ct);
        (await viewer.ListItemsAsync(workspace.Id, dataset.Id, 1, ct: ct)).Items.Count.ShouldBe(6);
        await viewer.CreateDatasetAsync(workspace.Id, new CreateDatasetRequest("Mine"), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.DeleteDatasetAsync(workspace.Id, dataset.Id, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.CreateUploadAsync(workspace.Id, new CreateUploadRequest("a.zip", 1), ct).ShouldFailWith(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SplitRequestsAreValidated()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 2), "s.zip", ct);
        var error = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.5, 0.2, 0.2), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["train"].ShouldHaveSingleItem().ShouldContain("100%");
        (await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(1.5, -0.5, 0), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .Problem!.Errors!.Keys.ShouldBe(["train", "validation"], ignoreOrder: true);
        await owner.SplitVersionAsync(workspace.Id, dataset.Id, 7, new SplitRequest(), ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await owner.StartExportAsync(workspace.Id, dataset.Id, 1, new StartExportRequest(DatasetFormat.PascalVoc), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .Problem!.Errors!.Keys.ShouldBe(["format"]);
    }

    private async Task<PurgeResult> PurgeAsync(TimeSpan later, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var clock = new ShiftedClock(later);
        return await new DatasetPurger(services.GetRequiredService<PlatformDb>(), services.GetRequiredService<IObjectStore>(),
            services.GetRequiredService<IOptions<DatasetStorageOptions>>(), clock).PurgeAsync(ct);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
