using System.Text.Json;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>Image classification beyond image folders: CSV and JSON Lines lists, COCO labels, the Ultralytics layout.</summary>
public sealed class ClassificationWritersTests
{
    private readonly ExportFixtures fixtures = new();

    private ExportDataset Pets() => new("d", DatasetKind.ImageClassification, ["cat", "dog"],
    [
        fixtures.Image("train/cat/1.jpg", "cat", DatasetSplit.Train),
        fixtures.Image("x/1.jpg", "dog", DatasetSplit.Validation),
        fixtures.Image("b,c.jpg", "dog", DatasetSplit.Test),
        fixtures.Image("n.jpg", null),
    ]);

    [Fact]
    public async Task CsvListsEveryImageWithItsLabelAndSplitBeforeTheImageFolders()
    {
        var entries = await fixtures.ExportZipAsync(Pets(), DatasetFormat.CsvImages);

        entries.Select(e => e.Path).ShouldBe(["labels.csv", "train/cat/1.jpg", "validation/dog/1.jpg", "test/dog/b,c.jpg", "unsplit/n.jpg"]);
        entries[0].Text.ShouldBe(
            "path,label,split\ntrain/cat/1.jpg,cat,train\nvalidation/dog/1.jpg,dog,validation\n\"test/dog/b,c.jpg\",dog,test\nunsplit/n.jpg,,\n");
        entries[2].Text.ShouldBe("x/1.jpg");
    }

    [Fact]
    public async Task JsonLinesListsEveryImageWithItsLabelAndSplit()
    {
        var dataset = Pets() with { Items = Pets().Items.Take(2).ToList() };

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.JsonlImages);

        entries.Select(e => e.Path).ShouldBe(["labels.jsonl", "train/cat/1.jpg", "validation/dog/1.jpg"]);
        entries[0].Text.ShouldBe(
            "{\"path\":\"train/cat/1.jpg\",\"label\":\"cat\",\"split\":\"train\"}\n" +
            "{\"path\":\"validation/dog/1.jpg\",\"label\":\"dog\",\"split\":\"validation\"}\n");
    }

    [Fact]
    public async Task WithoutSplitsTheCsvHasNoSplitColumnAndNoSplitFolder()
    {
        var dataset = new ExportDataset("d", DatasetKind.ImageClassification, ["cat"],
            [fixtures.Image("a.jpg", "cat"), fixtures.Image("b/a.jpg", "cat"), fixtures.Image("c.jpg", null)]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.CsvImages);

        entries[0].Text.ShouldBe("path,label\ncat/a.jpg,cat\ncat/a~2.jpg,cat\nc.jpg,\n");
    }

    [Fact]
    public async Task CocoLabelsGiveEachImageOneCategoryAndNoBox()
    {
        var entries = await fixtures.ExportZipAsync(Pets(), DatasetFormat.Coco);

        entries.Select(e => e.Path).ShouldBe(
        [
            "annotations/labels_train.json", "images/train/1.jpg", "annotations/labels_validation.json", "images/validation/1.jpg",
            "annotations/labels_test.json", "images/test/b,c.jpg", "annotations/labels_unsplit.json", "images/unsplit/n.jpg",
        ]);
        using var validation = JsonDocument.Parse(entries[2].Text);
        validation.RootElement.GetProperty("images").GetRawText()
            .ShouldBe("""[{"id":1,"file_name":"1.jpg","width":100,"height":50}]""");
        validation.RootElement.GetProperty("annotations").GetRawText().ShouldBe("""[{"id":1,"image_id":1,"category_id":2}]""");
        validation.RootElement.GetProperty("categories").GetRawText().ShouldBe("""[{"id":1,"name":"cat"},{"id":2,"name":"dog"}]""");
        using var unsplit = JsonDocument.Parse(entries[6].Text);
        unsplit.RootElement.GetProperty("annotations").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ALabelMissingFromTheClassesBecomesACategory()
    {
        var dataset = new ExportDataset("d", DatasetKind.ImageClassification, ["cat"], [fixtures.Image("a.jpg", "owl")]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.Coco);

        entries[0].Path.ShouldBe("annotations/labels.json");
        using var json = JsonDocument.Parse(entries[0].Text);
        json.RootElement.GetProperty("categories").GetRawText().ShouldBe("""[{"id":1,"name":"cat"},{"id":2,"name":"owl"}]""");
        json.RootElement.GetProperty("annotations")[0].GetProperty("category_id").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task YoloClassificationUsesUltralyticsSplitFoldersEvenWithoutSplits()
    {
        var split = await fixtures.ExportZipAsync(Pets(), DatasetFormat.Yolo);
        var unsplit = await fixtures.ExportZipAsync(
            new ExportDataset("d", DatasetKind.ImageClassification, ["cat"], [fixtures.Image("a.jpg", "cat")]), DatasetFormat.Yolo);

        split.Select(e => e.Path).ShouldBe(["train/cat/1.jpg", "val/dog/1.jpg", "test/dog/b,c.jpg"]);
        unsplit.Select(e => e.Path).ShouldBe(["unsplit/cat/a.jpg"]);
    }
}
