using System.Xml.Linq;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class PascalVocWriterTests
{
    private readonly ExportFixtures fixtures = new();

    [Fact]
    public async Task ImagesAnnotationsAndImageSetsFollowTheVocLayout()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, ["cat"],
        [
            fixtures.Image("t/a.jpg", null, DatasetSplit.Train, 640, 480, new ParsedBox("cat", 1.25, 2, 10.5, 20)),
            fixtures.Image("v/a.jpg", null, DatasetSplit.Validation),
            fixtures.Image("c.jpg", null, DatasetSplit.Train),
            fixtures.Image("d.jpg", null),
        ]);

        var entries = (await fixtures.ExportZipAsync(dataset, DatasetFormat.PascalVoc)).ToDictionary(e => e.Path, e => e.Text);

        entries.Keys.ShouldBe(
        [
            "JPEGImages/a.jpg", "Annotations/a.xml", "JPEGImages/a~2.jpg", "Annotations/a~2.xml",
            "JPEGImages/c.jpg", "Annotations/c.xml", "JPEGImages/d.jpg", "Annotations/d.xml",
            "ImageSets/Main/train.txt", "ImageSets/Main/val.txt",
        ]);
        entries["ImageSets/Main/train.txt"].ShouldBe("a\nc\n");
        entries["ImageSets/Main/val.txt"].ShouldBe("a~2\n");

        var annotation = XDocument.Parse(entries["Annotations/a.xml"]).Root!;
        annotation.Element("folder")!.Value.ShouldBe("JPEGImages");
        annotation.Element("filename")!.Value.ShouldBe("a.jpg");
        var size = annotation.Element("size")!;
        (size.Element("width")!.Value, size.Element("height")!.Value, size.Element("depth")!.Value).ShouldBe(("640", "480", "3"));
        var box = annotation.Element("object")!;
        box.Element("name")!.Value.ShouldBe("cat");
        box.Element("pose")!.Value.ShouldBe("Unspecified");
        box.Element("truncated")!.Value.ShouldBe("0");
        box.Element("difficult")!.Value.ShouldBe("0");
        var bounds = box.Element("bndbox")!.Elements().Select(e => $"{e.Name}={e.Value}");
        bounds.ShouldBe(["xmin=1.25", "ymin=2", "xmax=11.75", "ymax=22"]);
        XDocument.Parse(entries["Annotations/a~2.xml"]).Root!.Element("filename")!.Value.ShouldBe("a~2.jpg");
    }

    [Fact]
    public async Task WithoutSplitsThereAreNoImageSets()
    {
        var dataset = new ExportDataset("d", DatasetKind.ObjectDetection, ["cat"], [fixtures.Image("a.png", null)]);

        var entries = await fixtures.ExportZipAsync(dataset, DatasetFormat.PascalVoc);

        entries.Select(e => e.Path).ShouldBe(["JPEGImages/a.png", "Annotations/a.xml"]);
        XDocument.Parse(entries[1].Text).Root!.Elements("object").ShouldBeEmpty();
    }
}
