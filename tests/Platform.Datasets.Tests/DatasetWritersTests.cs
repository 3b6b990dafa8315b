using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class DatasetWritersTests
{
    [Fact]
    public void EachKindOffersTheFormatsThatFitIt()
    {
        DatasetWriters.FormatsFor(DatasetKind.ImageClassification).ShouldBe(
            [DatasetFormat.ImageFolders, DatasetFormat.CsvImages, DatasetFormat.JsonlImages, DatasetFormat.Coco, DatasetFormat.Yolo]);
        DatasetWriters.FormatsFor(DatasetKind.ObjectDetection).ShouldBe([DatasetFormat.Coco, DatasetFormat.Yolo, DatasetFormat.PascalVoc]);
        DatasetWriters.FormatsFor(DatasetKind.TextClassification).ShouldBe([DatasetFormat.CsvText, DatasetFormat.JsonlText]);
        DatasetWriters.FormatsFor(DatasetKind.Table).ShouldBe([DatasetFormat.CsvTable, DatasetFormat.JsonlTable]);
    }

    [Fact]
    public void EveryFormatThatFitsHasANameAndADescription()
    {
        foreach (var kind in Enum.GetValues<DatasetKind>())
        {
            ExportFormats.For(kind).ShouldNotBeEmpty();
            ExportFormats.For(kind).ShouldAllBe(f => f.Name.Length > 0 && f.Description.Length > 0 && f.FileSuffix.Length > 0);
        }

        ExportFormats.Describe(DatasetKind.TextClassification).ShouldBe("CSV (CsvText) or JSON Lines (JsonlText)");
    }

    [Theory]
    [InlineData("birds", DatasetKind.ObjectDetection, DatasetFormat.Coco, "birds-coco.zip")]
    [InlineData("birds", DatasetKind.ObjectDetection, DatasetFormat.Yolo, "birds-yolo.zip")]
    [InlineData("birds", DatasetKind.ObjectDetection, DatasetFormat.PascalVoc, "birds-voc.zip")]
    [InlineData("flowers", DatasetKind.ImageClassification, DatasetFormat.ImageFolders, "flowers-folders.zip")]
    [InlineData("flowers", DatasetKind.ImageClassification, DatasetFormat.Yolo, "flowers-yolo-cls.zip")]
    [InlineData("flowers", DatasetKind.ImageClassification, DatasetFormat.CsvImages, "flowers-csv.zip")]
    [InlineData("flowers", DatasetKind.ImageClassification, DatasetFormat.JsonlImages, "flowers-jsonl.zip")]
    [InlineData("sales", DatasetKind.Table, DatasetFormat.CsvTable, "sales.csv")]
    [InlineData("sales", DatasetKind.Table, DatasetFormat.JsonlTable, "sales.jsonl")]
    [InlineData("reviews", DatasetKind.TextClassification, DatasetFormat.CsvText, "reviews.csv")]
    [InlineData("reviews", DatasetKind.TextClassification, DatasetFormat.JsonlText, "reviews.jsonl")]
    [InlineData("My Birds / 2024!", DatasetKind.ObjectDetection, DatasetFormat.Coco, "My-Birds-2024-coco.zip")]
    [InlineData("../../etc", DatasetKind.Table, DatasetFormat.CsvTable, "etc.csv")]
    [InlineData("éè", DatasetKind.Table, DatasetFormat.CsvTable, "dataset.csv")]
    [InlineData("v1.2_final", DatasetKind.TextClassification, DatasetFormat.JsonlText, "v1.2_final.jsonl")]
    public void TheFileNameIsTheSanitizedDatasetNameWithTheFormatsSuffix(string name, DatasetKind kind, DatasetFormat format, string expected) =>
        DatasetWriters.FileName(name, kind, format).ShouldBe(expected);

    [Fact]
    public void ContentTypesFollowTheFileKind()
    {
        DatasetWriters.ContentType("a-yolo.zip").ShouldBe("application/zip");
        DatasetWriters.ContentType("a.csv").ShouldStartWith("text/csv");
        DatasetWriters.ContentType("a.jsonl").ShouldStartWith("application/x-ndjson");
    }

    [Fact]
    public async Task AFormatThatDoesNotFitTheKindIsRefused()
    {
        var fixtures = new ExportFixtures();
        var dataset = new ExportDataset("t", DatasetKind.Table, [], []);

        var refused = await Should.ThrowAsync<ArgumentException>(() => fixtures.ExportAsync(dataset, DatasetFormat.Coco));
        refused.Message.ShouldContain("CSV (CsvTable) or JSON Lines (JsonlTable)");
        await Should.ThrowAsync<ArgumentException>(() => fixtures.ExportAsync(dataset, DatasetFormat.Auto));
        await Should.ThrowAsync<ArgumentException>(() => fixtures.ExportAsync(dataset with { Kind = DatasetKind.TextClassification }, DatasetFormat.JsonlTable));
        await Should.ThrowAsync<ArgumentException>(() => fixtures.ExportAsync(dataset with { Kind = DatasetKind.ObjectDetection }, DatasetFormat.CsvImages));
    }

    [Fact]
    public async Task ProgressEndsWithTheNumberOfItemsWritten()
    {
        var fixtures = new ExportFixtures();
        var items = Enumerable.Range(0, 5).Select(i => fixtures.Image($"a/{i}.jpg", i < 3 ? "cat" : null)).ToList();
        var reports = new List<int>();

        await fixtures.ExportAsync(new ExportDataset("d", DatasetKind.ImageClassification, ["cat"], items),
            DatasetFormat.ImageFolders, new SynchronousProgress(reports.Add));

        reports.ShouldNotBeEmpty();
        reports[^1].ShouldBe(3);
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
