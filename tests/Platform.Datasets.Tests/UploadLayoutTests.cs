using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class UploadLayoutTests
{
    [Fact]
    public async Task JunkFilesAreIgnored()
    {
        var dataset = await new FakeUpload()
            .Images("cat/1.jpg", "dog/2.jpg", "__MACOSX/cat/._1.jpg", "cat/._1.jpg", ".hidden/x.jpg")
            .Text(".DS_Store", "x").Text("cat/Thumbs.db", "x").Text("dog/desktop.ini", "x")
            .ReadAsync();

        dataset.Items.Select(i => i.Path).Order().ShouldBe(["cat/1.jpg", "dog/2.jpg"]);
        dataset.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task FoldersWrappingTheWholeUploadAreStripped()
    {
        var upload = new FakeUpload().Images("export/pets/cat/1.jpg", "export/pets/dog/2.jpg").Text("__MACOSX/export/._pets", "");

        var dataset = await upload.ReadAsync();

        dataset.Items.Select(i => i.Path).Order().ShouldBe(["cat/1.jpg", "dog/2.jpg"]);
        dataset.Items.Select(i => i.Image!.Path).Order().ShouldBe(["export/pets/cat/1.jpg", "export/pets/dog/2.jpg"]);
    }

    [Fact]
    public async Task ASplitFolderIsNeverStripped()
    {
        var dataset = await new FakeUpload().Images("data/train/cat/1.jpg", "data/train/dog/2.jpg").ReadAsync();

        dataset.Items.Select(i => i.Path).Order().ShouldBe(["train/cat/1.jpg", "train/dog/2.jpg"]);
        dataset.Items.ShouldAllBe(i => i.Split == DatasetSplit.Train);
    }

    [Fact]
    public async Task AWrappingFolderIsStrippedDownToTheAnnotationFile()
    {
        var dataset = await new FakeUpload().Text("my table/data.csv", "a,b\n1,x\n2,y\n").ReadAsync();

        dataset.Format.ShouldBe(DatasetFormat.CsvTable);
        dataset.Items.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("annotations/instances.json", DatasetFormat.Coco)]
    [InlineData("data.yaml", DatasetFormat.Yolo)]
    [InlineData("Annotations/1.xml", DatasetFormat.PascalVoc)]
    [InlineData("reviews.jsonl", DatasetFormat.JsonlText)]
    [InlineData("table.csv", DatasetFormat.CsvTable)]
    [InlineData("cat/1.jpg", DatasetFormat.ImageFolders)]
    public void EachLayoutIsDetectedFromItsFiles(string telltale, DatasetFormat format)
    {
        var upload = new FakeUpload().Text(telltale, "x");
        if (format == DatasetFormat.Yolo) upload.Text("labels/train/1.txt", "").Images("images/train/1.jpg");
        if (format == DatasetFormat.ImageFolders) upload.Images("dog/2.jpg");

        upload.Detect().ShouldBe(format);
    }

    [Fact]
    public async Task DetectingReadsACsvHeaderToTellTextFromATable()
    {
        var text = new FakeUpload().Text("a.csv", "review,label\ngreat,pos\n");
        var table = new FakeUpload().Text("a.csv", "x,y\n1,2\n");
        var ct = TestContext.Current.CancellationToken;

        (await DatasetReaders.DetectAsync(text.Files, text.Open, ct)).ShouldBe(DatasetFormat.CsvText);
        (await DatasetReaders.DetectAsync(table.Files, table.Open, ct)).ShouldBe(DatasetFormat.CsvTable);
    }

    [Fact]
    public void AnUnknownLayoutIsRefusedSayingWhatWasFound()
    {
        var error = Should.Throw<DatasetFormatException>(() => new FakeUpload().Text("notes.pdf", "x").Text("b.txt", "y").Text("c.txt", "z").Detect());

        error.Message.ShouldContain("3 files: 2 .txt, 1 .pdf");
        error.Message.ShouldContain("Accepted layouts");
    }

    [Fact]
    public async Task LooseImagesAreAnUnlabeledSetToAnnotate()
    {
        var upload = new FakeUpload().Images("1.jpg", "2.jpg");
        upload.Detect().ShouldBe(DatasetFormat.ImageFolders);
        var dataset = await upload.ReadAsync();
        (dataset.Kind, dataset.Classes.Count, dataset.Problems.Count).ShouldBe((DatasetKind.ImageClassification, 0, 0));
        dataset.Items.Select(i => (i.Path, i.Label)).ShouldBe([("1.jpg", (string?)null), ("2.jpg", null)]);
    }

    [Fact]
    public async Task AnUploadOfOnlyJunkIsEmpty() =>
        (await new FakeUpload().Text("__MACOSX/a", "x").Text(".DS_Store", "x").RefusalAsync()).ShouldContain("The upload is empty");

    [Fact]
    public void TwoCsvFilesAreRefused() =>
        Should.Throw<DatasetFormatException>(() => new FakeUpload().Text("a.csv", "x").Text("b.csv", "y").Detect())
            .Message.ShouldContain("exactly one");
}
