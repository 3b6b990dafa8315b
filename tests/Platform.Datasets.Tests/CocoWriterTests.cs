using System.Text.Json;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class CocoWriterTests
{
    private readonly ExportFixtures fixtures = new();

    [Fact]
    public async Task EachSplitGetsItsAnnotationFileAndImageFolder()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, ["cat", "dog"],
        [
            fixtures.Image("a/1.jpg", null, DatasetSplit.Train, 640, 480,
                new ParsedBox("dog", 10, 20, 30, 40), new ParsedBox("cat", 1.5, 2, 3, 4)),
            fixtures.Image("b/1.jpg", null, DatasetSplit.Train, 320, 240),
            fixtures.Image("2.jpg", null, DatasetSplit.Test, 100, 50, new ParsedBox("cat", 0, 0, 10, 10)),
        ]);

        var zip = await fixtures.ExportAsync(dataset, DatasetFormat.Coco);
        var entries = ExportFixtures.ReadZip(zip);

        entries.Select(e => e.Path).ShouldBe(
        [
            "annotations/instances_train.json", "images/train/1.jpg", "images/train/1~2.jpg",
            "annotations/instances_test.json", "images/test/2.jpg",
        ]);
        entries[2].Text.ShouldBe("b/1.jpg");
        var methods = ExportFixtures.Methods(zip);
        methods["annotations/instances_train.json"].ShouldBe(8);
        methods["images/train/1.jpg"].ShouldBe(0);

        using var train = JsonDocument.Parse(entries[0].Text);
        var root = train.RootElement;
        root.GetProperty("images").GetRawText().ShouldBe(
            """[{"id":1,"file_name":"1.jpg","width":640,"height":480},{"id":2,"file_name":"1~2.jpg","width":320,"height":240}]""");
        root.GetProperty("annotations").GetRawText().ShouldBe(
            """[{"id":1,"image_id":1,"category_id":2,"bbox":[10,20,30,40],"area":1200,"iscrowd":0},""" +
            """{"id":2,"image_id":1,"category_id":1,"bbox":[1.5,2,3,4],"area":12,"iscrowd":0}]""");
        root.GetProperty("categories").GetRawText().ShouldBe("""[{"id":1,"name":"cat"},{"id":2,"name":"dog"}]""");

        using var test = JsonDocument.Parse(entries[3].Text);
        test.RootElement.GetProperty("annotations")[0].GetProperty("id").GetInt32().ShouldBe(1);
        test.RootElement.GetProperty("images")[0].GetProperty("file_name").GetString().ShouldBe("2.jpg");
    }

    [Fact]
    public async Task WithoutSplitsThereIsOneAnnotationFileAndOneImageFolder()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, ["cat"],
            [fixtures.Image("x.jpg", null, boxes: new ParsedBox("bird", 1, 1, 2, 2))]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.Coco);

        entries.Select(e => e.Path).ShouldBe(["annotations/instances.json", "images/x.jpg"]);
        using var json = JsonDocument.Parse(entries[0].Text);
        json.RootElement.GetProperty("categories").GetRawText()
            .ShouldBe("""[{"id":1,"name":"cat"},{"id":2,"name":"bird"}]""");
        json.RootElement.GetProperty("annotations")[0].GetProperty("category_id").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task ItemsWithoutASplitGoToUnsplitWhenOthersHaveOne()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, ["cat"],
            [fixtures.Image("a.jpg", null, DatasetSplit.Validation), fixtures.Image("b.jpg", null)]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.Coco);

        entries.Select(e => e.Path).ShouldBe(
        [
            "annotations/instances_validation.json", "images/validation/a.jpg",
            "annotations/instances_unsplit.json", "images/unsplit/b.jpg",
        ]);
    }
}
