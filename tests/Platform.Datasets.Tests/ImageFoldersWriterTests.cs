using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class ImageFoldersWriterTests
{
    private readonly ExportFixtures fixtures = new();

    [Fact]
    public async Task ImagesGoToSplitThenLabelFoldersStoredUncompressed()
    {
        var dataset = new ExportDataset("d", DatasetKind.ImageClassification, ["cat", "dog"],
        [
            fixtures.Image("x/cat1.jpg", "cat", DatasetSplit.Train),
            fixtures.Image("dog1.jpg", "dog", DatasetSplit.Validation),
            fixtures.Image("dog2.jpg", "dog", DatasetSplit.Test),
            fixtures.Image("other.jpg", "cat"),
        ]);

        var zip = await fixtures.ExportAsync(dataset, DatasetFormat.ImageFolders);

        ExportFixtures.ReadZip(zip).ShouldBe(
        [
            ("train/cat/cat1.jpg", "x/cat1.jpg"),
            ("validation/dog/dog1.jpg", "dog1.jpg"),
            ("test/dog/dog2.jpg", "dog2.jpg"),
            ("unsplit/cat/other.jpg", "other.jpg"),
        ]);
        ExportFixtures.Methods(zip).Values.ShouldAllBe(method => method == 0);
    }

    [Fact]
    public async Task WithoutSplitsThereIsNoSplitFolderAndUnlabeledImagesAreSkipped()
    {
        var dataset = new ExportDataset("d", DatasetKind.ImageClassification, ["cat"],
        [
            fixtures.Image("a.jpg", "cat"),
            fixtures.Image("b.jpg", null),
        ]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.ImageFolders);

        entries.Select(e => e.Path).ShouldBe(["cat/a.jpg"]);
    }

    [Fact]
    public async Task ClashingNamesGetANumberedSuffix()
    {
        var dataset = new ExportDataset("d", DatasetKind.ImageClassification, ["cat"],
        [
            fixtures.Image("one/a.jpg", "cat"),
            fixtures.Image("two/a.jpg", "cat"),
            fixtures.Image("three/A.jpg", "cat"),
            fixtures.Image("four/a.png", "cat"),
        ]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.ImageFolders);

        entries.Select(e => e.Path).ShouldBe(["cat/a.jpg", "cat/a~2.jpg", "cat/A~3.jpg", "cat/a.png"]);
        entries[1].Text.ShouldBe("two/a.jpg");
    }

    [Fact]
    public async Task ALabelCannotLeaveItsFolder()
    {
        var dataset = new ExportDataset("d", DatasetKind.ImageClassification, ["../up"], [fixtures.Image("a.jpg", "../up")]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.ImageFolders);

        entries.Single().Path.ShouldBe(".._up/a.jpg");
    }
}
