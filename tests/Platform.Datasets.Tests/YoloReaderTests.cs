using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class YoloReaderTests
{
    [Fact]
    public async Task TheExportedLayoutReadsBack()
    {
        var upload = new FakeUpload()
            .Text("data.yaml", "path: .\ntrain: images/train\nval: images/val\nnc: 2\nnames: [cat, 'hot dog']  # two classes\n")
            .Text("labels/train/a.txt", "1 0.5 0.5 0.2 0.4\n0 0.25 0.25 0.5 0.5\n")
            .Text("labels/val/b.txt", "")
            .Images("images/train/a.jpg", "images/val/b.png", "images/test/c.jpg");

        var dataset = await upload.ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.ObjectDetection);
        dataset.Format.ShouldBe(DatasetFormat.Yolo);
        dataset.Classes.ShouldBe(["cat", "hot dog"]);
        dataset.Problems.ShouldBeEmpty();
        var a = dataset.Items.Single(i => i.Path == "images/train/a.jpg");
        (a.Split, a.Image!.Path).ShouldBe((DatasetSplit.Train, "images/train/a.jpg"));
        a.Boxes.Count.ShouldBe(2);
        a.Boxes[0].Label.ShouldBe("hot dog");
        a.Boxes[0].X.ShouldBe(0.4, 1e-9);
        a.Boxes[0].Y.ShouldBe(0.3, 1e-9);
        (a.Boxes[0].Width, a.Boxes[0].Height, a.Boxes[0].Normalized).ShouldBe((0.2, 0.4, true));
        a.Boxes[1].ShouldBe(new ParsedBox("cat", 0, 0, 0.5, 0.5, Normalized: true));
        dataset.Items.Single(i => i.Path == "images/val/b.png").Split.ShouldBe(DatasetSplit.Validation);
        var c = dataset.Items.Single(i => i.Path == "images/test/c.jpg");
        (c.Split, c.Boxes.Count).ShouldBe((DatasetSplit.Test, 0));
        upload.Opened.ShouldAllBe(p => p.EndsWith(".txt") || p.EndsWith(".yaml"));
    }

    [Theory]
    [InlineData("data.yaml", "names:\n  - cat\n  - \"hot dog\"\n")]
    [InlineData("data.yml", "names:\n- cat\n- hot dog\nnc: 2\n")]
    [InlineData("dataset.yaml", "nc: 2\nnames:\n  0: cat\n  1: 'hot dog'\ntrain: x\n")]
    [InlineData("data.yaml", "names: {1: 'hot dog', 0: cat}\n")]
    [InlineData("data.yaml", "names: [\n  cat,\n  hot dog\n]\n")]
    [InlineData("classes.txt", "cat\r\nhot dog\r\n")]
    public async Task ClassNamesComeInEveryCommonSpelling(string file, string content)
    {
        var dataset = await new FakeUpload().Text(file, content).Text("labels/a.txt", "1 0.5 0.5 0.1 0.1").Images("images/a.jpg").ReadAsync();

        dataset.Classes.ShouldBe(["cat", "hot dog"]);
        dataset.Items.ShouldHaveSingleItem().Boxes.ShouldHaveSingleItem().Label.ShouldBe("hot dog");
    }

    [Fact]
    public async Task SplitFoldersAboveImagesAndLabelsAreUnderstood()
    {
        var dataset = await new FakeUpload()
            .Text("export/data.yaml", "names: [a, b]")
            .Text("export/train/labels/x.txt", "0 0.5 0.5 1 1").Text("export/valid/labels/y.txt", "1 0.5 0.5 0.5 0.5")
            .Images("export/train/images/x.jpg", "export/valid/images/y.jpg")
            .ReadAsync();

        dataset.Problems.ShouldBeEmpty();
        dataset.Items.Select(i => (i.Path, i.Split, i.Boxes.Single().Label)).ShouldBe([("train/images/x.jpg", DatasetSplit.Train, "a"), ("valid/images/y.jpg", DatasetSplit.Validation, "b")]);
    }

    [Fact]
    public async Task LabelsBesideTheirImagesAreRead()
    {
        var upload = new FakeUpload().Text("obj.names", "a\nb\n").Text("obj/x.txt", "1 0.5 0.5 0.2 0.2").Text("obj/y.txt", "0 0.5 0.5 0.2 0.2").Images("obj/x.jpg", "obj/y.jpg");

        upload.Detect().ShouldBe(DatasetFormat.Yolo);
        var dataset = await upload.ReadAsync();
        dataset.Items.Select(i => (i.Path, i.Boxes.Single().Label)).ShouldBe([("obj/x.jpg", "b"), ("obj/y.jpg", "a")]);
    }

    [Fact]
    public async Task AnUnknownClassIdIsReported()
    {
        var dataset = await new FakeUpload().Text("data.yaml", "names: [a, b]").Text("labels/x.txt", "0 0.5 0.5 0.1 0.1\n7 0.5 0.5 0.1 0.1\n").Images("images/x.jpg").ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("labels/x.txt", "line 2: unknown class 7")]);
        dataset.Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0 0.5 0.5 0.1", "line 1: 4 values, expected 5 (class x-center y-center width height)")]
    [InlineData("0 0.5 abc 0.1 0.1", "line 1: 'abc' is not a number")]
    [InlineData("cat 0.5 0.5 0.1 0.1", "line 1: the class 'cat' is not a whole number")]
    [InlineData("0 0.95 0.5 0.2 0.2", "line 1: box outside the image (x 0.85 + width 0.2 > 1)")]
    [InlineData("0 0.5 0.5 0 0.2", "line 1: box with a non-positive size (width 0, height 0.2)")]
    public async Task AMalformedLabelLineIsReported(string line, string message)
    {
        var dataset = await new FakeUpload().Text("data.yaml", "names: [a]").Text("labels/x.txt", line).Images("images/x.jpg").ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("labels/x.txt", message)]);
    }

    [Fact]
    public async Task APolygonLineBecomesItsBoundingBox()
    {
        var dataset = await new FakeUpload().Text("data.yaml", "names: [a]").Text("labels/x.txt", "0 0.1 0.2 0.5 0.2 0.3 0.6").Images("images/x.jpg").ReadAsync();

        var box = dataset.Items.ShouldHaveSingleItem().Boxes.ShouldHaveSingleItem();
        (box.X, box.Y).ShouldBe((0.1, 0.2));
        box.Width.ShouldBe(0.4, 1e-9);
        box.Height.ShouldBe(0.4, 1e-9);
    }

    [Fact]
    public async Task ALabelFileWithoutAnImageIsReported()
    {
        var dataset = await new FakeUpload().Text("data.yaml", "names: [a]").Text("labels/train/x.txt", "0 0.5 0.5 0.1 0.1").Images("images/train/y.jpg").ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("labels/train/x.txt", "missing image file")]);
        dataset.Items.ShouldHaveSingleItem().Path.ShouldBe("images/train/y.jpg");
    }

    [Fact]
    public async Task NamesThatCannotBeReadAreRefused() =>
        (await new FakeUpload().Text("data.yaml", "nc: 2\ntrain: images\n").Text("labels/x.txt", "").Images("images/x.jpg").RefusalAsync())
            .ShouldContain("no names: entry");

    [Fact]
    public async Task AMapOfNamesThatSkipsAnIdIsRefused() =>
        (await new FakeUpload().Text("data.yaml", "names:\n  0: a\n  2: c\n").Text("labels/x.txt", "").Images("images/x.jpg").RefusalAsync())
            .ShouldContain("skip id 1");
}
