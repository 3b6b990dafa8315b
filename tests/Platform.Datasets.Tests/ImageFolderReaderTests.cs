using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class ImageFolderReaderTests
{
    [Fact]
    public async Task ClassFoldersNameTheLabels()
    {
        var upload = new FakeUpload().Images("dog/1.jpg", "cat/2.PNG", "cat/nested/3.webp");

        var dataset = await upload.ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.ImageClassification);
        dataset.Format.ShouldBe(DatasetFormat.ImageFolders);
        dataset.Classes.ShouldBe(["cat", "cat/nested", "dog"]); // a nested folder is a class of its own, as other tools read it
        dataset.Items.Select(i => (i.Path, i.Label, i.Split)).OrderBy(i => i.Path).ShouldBe([
            ("cat/2.PNG", "cat", DatasetSplit.None), ("cat/nested/3.webp", "cat/nested", DatasetSplit.None), ("dog/1.jpg", "dog", DatasetSplit.None)]);
        dataset.Items.ShouldAllBe(i => i.Image != null && i.Image.Path == i.Path && i.Boxes.Count == 0);
        dataset.Problems.ShouldBeEmpty();
        upload.Opened.ShouldBeEmpty();
    }

    [Fact]
    public async Task SplitFoldersSetTheSplit()
    {
        var dataset = await new FakeUpload()
            .Images("train/cat/1.jpg", "Val/dog/2.jpg", "validation/cat/3.jpg", "test/dog/4.jpg", "unsplit/cat/5.jpg")
            .ReadAsync();

        dataset.Classes.ShouldBe(["cat", "dog"]);
        dataset.Items.OrderBy(i => i.Path, StringComparer.Ordinal).Select(i => (i.Path, i.Label, i.Split)).ShouldBe([
            ("Val/dog/2.jpg", "dog", DatasetSplit.Validation), ("test/dog/4.jpg", "dog", DatasetSplit.Test),
            ("train/cat/1.jpg", "cat", DatasetSplit.Train), ("unsplit/cat/5.jpg", "cat", DatasetSplit.None),
            ("validation/cat/3.jpg", "cat", DatasetSplit.Validation)]);
    }

    [Fact]
    public async Task SplitsCountOnlyWhenEveryTopFolderIsASplitName()
    {
        var dataset = await new FakeUpload().Images("train/1.jpg", "cars/2.jpg").ReadAsync();

        dataset.Classes.ShouldBe(["cars", "train"]);
        dataset.Items.ShouldAllBe(i => i.Split == DatasetSplit.None);
    }

    [Fact]
    public async Task AnImageOutsideAClassFolderIsReported()
    {
        var dataset = await new FakeUpload().Images("cat/1.jpg", "dog/2.jpg", "stray.jpg").ReadAsync();

        dataset.Items.Count.ShouldBe(2);
        dataset.Problems.ShouldBe([new ImportProblem("stray.jpg", "image is at the root, not in a class folder")]);
    }

    [Fact]
    public async Task AnImageDirectlyInASplitFolderIsReported()
    {
        var dataset = await new FakeUpload().Images("train/cat/1.jpg", "train/dog/2.jpg", "train/3.jpg").ReadAsync();

        dataset.Problems.ShouldHaveSingleItem().File.ShouldBe("train/3.jpg");
    }

    [Fact]
    public async Task ASingleClassIsRefused()
    {
        var message = await new FakeUpload().Images("photos/cat/1.jpg", "photos/cat/2.jpg").RefusalAsync();

        message.ShouldContain("needs at least two classes");
        message.ShouldContain("'cat'");
    }
}
