using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class PascalVocReaderTests
{
    private static string Xml(string file, string objects, int width = 640, int height = 480) => $"""
        <?xml version="1.0"?>
        <annotation>
          <folder>VOC2012</folder>
          <filename>{file}</filename>
          <size><width>{width}</width><height>{height}</height><depth>3</depth></size>
          {objects}
        </annotation>
        """;

    private static string Object(string name, string xmin, string ymin, string xmax, string ymax) =>
        $"<object><name>{name}</name><difficult>0</difficult><bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object>";

    [Fact]
    public async Task TheExportedLayoutReadsBack()
    {
        var upload = new FakeUpload()
            .Text("VOC/Annotations/a.xml", Xml("a.jpg", Object("dog", "10", "20", "110.5", "220") + Object("cat", "0", "0", "640", "480")))
            .Text("VOC/Annotations/b.xml", Xml("b.jpg", Object("bird", "1", "1", "2", "2")))
            .Text("VOC/ImageSets/Main/train.txt", "a\n")
            .Text("VOC/ImageSets/Main/val.txt", "b\n")
            .Text("VOC/ImageSets/Main/trainval.txt", "a\nb\n")
            .Images("VOC/JPEGImages/a.jpg", "VOC/JPEGImages/b.jpg", "VOC/JPEGImages/c.jpg");

        var dataset = await upload.ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.ObjectDetection);
        dataset.Format.ShouldBe(DatasetFormat.PascalVoc);
        dataset.Classes.ShouldBe(["bird", "cat", "dog"]);
        dataset.Problems.ShouldBeEmpty();
        var a = dataset.Items.Single(i => i.Path == "a.jpg");
        (a.Split, a.Width, a.Height, a.Image!.Path).ShouldBe((DatasetSplit.Train, 640, 480, "VOC/JPEGImages/a.jpg"));
        a.Boxes.ShouldBe([new ParsedBox("dog", 10, 20, 100.5, 200), new ParsedBox("cat", 0, 0, 640, 480)]);
        dataset.Items.Single(i => i.Path == "b.jpg").Split.ShouldBe(DatasetSplit.Validation);
        var c = dataset.Items.Single(i => i.Path == "c.jpg");
        (c.Split, c.Boxes.Count).ShouldBe((DatasetSplit.None, 0));
        upload.Opened.ShouldAllBe(p => p.EndsWith(".xml") || p.EndsWith(".txt"));
    }

    [Fact]
    public async Task TrainvalCountsAsTrainWhenThereIsNoTrainList()
    {
        var dataset = await new FakeUpload()
            .Text("Annotations/a.xml", Xml("a.jpg", Object("dog", "1", "1", "5", "5")))
            .Text("ImageSets/Main/trainval.txt", "a\n")
            .Images("JPEGImages/a.jpg")
            .ReadAsync();

        dataset.Items.ShouldHaveSingleItem().Split.ShouldBe(DatasetSplit.Train);
    }

    [Fact]
    public async Task AnnotationsBesideTheirImagesTakeTheSplitFromTheFolder()
    {
        var dataset = await new FakeUpload()
            .Text("train/a.xml", Xml("a.jpg", Object("dog", "1", "1", "5", "5")))
            .Text("valid/b.xml", Xml("b.png", Object("cat", "1", "1", "5", "5")))
            .Images("train/a.jpg", "valid/b.png")
            .ReadAsync();

        dataset.Format.ShouldBe(DatasetFormat.PascalVoc);
        dataset.Items.Select(i => (i.Path, i.Split)).ShouldBe([("a.jpg", DatasetSplit.Train), ("b.png", DatasetSplit.Validation)]);
    }

    [Fact]
    public async Task MalformedXmlIsReported()
    {
        var dataset = await new FakeUpload()
            .Text("Annotations/a.xml", Xml("a.jpg", Object("dog", "1", "1", "5", "5")))
            .Text("Annotations/b.xml", "<annotation><filename>b.jpg</filename>")
            .Images("JPEGImages/a.jpg", "JPEGImages/b.jpg")
            .ReadAsync();

        var problem = dataset.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("Annotations/b.xml");
        problem.Message.ShouldStartWith("not valid XML");
    }

    [Fact]
    public async Task AMissingImageFileIsReported()
    {
        var dataset = await new FakeUpload()
            .Text("Annotations/a.xml", Xml("a.jpg", Object("dog", "1", "1", "5", "5")))
            .Text("Annotations/b.xml", Xml("b.jpg", Object("dog", "1", "1", "5", "5")))
            .Images("JPEGImages/a.jpg")
            .ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("Annotations/b.xml", "missing image file b.jpg")]);
    }

    [Theory]
    [InlineData("600", "10", "660", "20", "box outside the image (x 600 + width 60 > 640)")]
    [InlineData("50", "10", "40", "20", "box of 'dog' has xmax 40 <= xmin 50")]
    [InlineData("5", "10", "40", "10", "box of 'dog' has ymax 10 <= ymin 10")]
    [InlineData("5", "ten", "40", "20", "object 'dog' has no bndbox with numeric xmin, ymin, xmax and ymax")]
    public async Task ABadBoxIsReportedAndItsImageLeftOut(string xmin, string ymin, string xmax, string ymax, string message)
    {
        var dataset = await new FakeUpload()
            .Text("Annotations/a.xml", Xml("a.jpg", Object("dog", "1", "1", "5", "5") + Object("dog", xmin, ymin, xmax, ymax)))
            .Text("Annotations/b.xml", Xml("b.jpg", Object("cat", "1", "1", "5", "5")))
            .Images("JPEGImages/a.jpg", "JPEGImages/b.jpg")
            .ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("Annotations/a.xml", message)]);
        dataset.Items.ShouldHaveSingleItem().Path.ShouldBe("b.jpg");
        dataset.Classes.ShouldBe(["cat", "dog"]);
    }
}
