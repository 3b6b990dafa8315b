using Platform.Contracts;
using Platform.Datasets.Formats;
using SkiaSharp;

namespace Platform.Datasets.Tests;

public sealed class YoloWriterTests
{
    private readonly ExportFixtures fixtures = new();

    [Fact]
    public async Task ImagesAndLabelsGoToSplitFoldersWithNormalizedBoxes()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, ["cat", "dog \"big\""],
        [
            fixtures.Image("p/a.jpg", null, DatasetSplit.Train, 200, 100,
                new ParsedBox("dog \"big\"", 10, 20, 30, 40), new ParsedBox("cat", 0, 0, 200, 100)),
            fixtures.Image("q/a.png", null, DatasetSplit.Train, 300, 300, new ParsedBox("cat", 0, 0, 100, 100)),
            fixtures.Image("b.jpg", null, DatasetSplit.Validation),
        ]);

        var entries = (await fixtures.ExportZipAsync(dataset, DatasetFormat.Yolo)).ToDictionary(e => e.Path, e => e.Text);

        entries.Keys.ShouldBe(
        [
            "data.yaml", "images/train/a.jpg", "labels/train/a.txt", "images/train/a~2.png", "labels/train/a~2.txt",
            "images/validation/b.jpg", "labels/validation/b.txt",
        ]);
        entries["data.yaml"].ShouldBe(
            "path: .\ntrain: images/train\nval: images/validation\nnc: 2\nnames:\n  - \"cat\"\n  - \"dog \\\"big\\\"\"\n");
        entries["labels/train/a.txt"].ShouldBe("1 0.125 0.4 0.15 0.4\n0 0.5 0.5 1 1\n");
        entries["labels/train/a~2.txt"].ShouldBe("0 0.166667 0.166667 0.333333 0.333333\n");
        entries["labels/validation/b.txt"].ShouldBe("");
        entries["images/train/a~2.png"].ShouldBe("q/a.png");
    }

    [Fact]
    public async Task WithoutSplitsImagesAndLabelsSitAtTheTop()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, [],
            [fixtures.Image("a.jpg", null, boxes: new ParsedBox("cat", 0, 0, 50, 25))]);

        var entries = (await fixtures.ExportZipAsync(dataset, DatasetFormat.Yolo)).ToDictionary(e => e.Path, e => e.Text);

        entries.Keys.ShouldBe(["data.yaml", "images/a.jpg", "labels/a.txt"]);
        entries["data.yaml"].ShouldBe("path: .\ntrain: images\nnc: 1\nnames:\n  - \"cat\"\n");
        entries["labels/a.txt"].ShouldBe("0 0.25 0.25 0.5 0.5\n");
    }

    [Fact]
    public async Task AnUnknownImageSizeIsReadFromTheImage()
    {
        using var bitmap = new SKBitmap(40, 20);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var item = new ExportItem("a.png", null, DatasetSplit.None, [new ParsedBox("cat", 0, 0, 10, 10)], null, null,
            null, null, fixtures.Blob(png.ToArray()));

        var entries = await fixtures.ExportZipAsync(
            new ExportDataset("d", DatasetKind.ObjectDetection, ["cat"], [item]), DatasetFormat.Yolo);

        entries.Single(e => e.Path == "labels/a.txt").Text.ShouldBe("0 0.125 0.25 0.25 0.5\n");
    }
}
