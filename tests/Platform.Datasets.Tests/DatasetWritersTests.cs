using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class DatasetWritersTests
{
    [Fact]
    public void EachKindOffersTheFormatsThatFitIt()
    {
        DatasetWriters.FormatsFor(DatasetKind.ImageClassification).ShouldBe([DatasetFormat.ImageFolders]);
        DatasetWriters.FormatsFor(DatasetKind.ObjectDetection).ShouldBe([DatasetFormat.Coco, DatasetFormat.Yolo, DatasetFormat.PascalVoc]);
        DatasetWriters.FormatsFor(DatasetKind.TextClassification).ShouldBe([DatasetFormat.CsvText, DatasetFormat.JsonlText]);
        DatasetWriters.FormatsFor(DatasetKind.Table).ShouldBe([DatasetFormat.CsvTable]);
    }

    [Theory]
    [InlineData("birds", DatasetFormat.Coco, "birds-coco.zip")]
    [InlineData("birds", DatasetFormat.Yolo, "birds-yolo.zip")]
    [InlineData("birds", DatasetFormat.PascalVoc, "birds-voc.zip")]
    [InlineData("flowers", DatasetFormat.ImageFolders, "flowers-folders.zip")]
    [InlineData("sales", DatasetFormat.CsvTable, "sales.csv")]
    [InlineData("reviews", DatasetFormat.CsvText, "reviews.csv")]
    [InlineData("reviews", DatasetFormat.JsonlText, "reviews.jsonl")]
    [InlineData("My Birds / 2024!", DatasetFormat.Coco, "My-Birds-2024-coco.zip")]
    [InlineData("../../etc", DatasetFormat.CsvTable, "etc.csv")]
    [InlineData("éè", DatasetFormat.CsvTable, "dataset.csv")]
    [InlineData("v1.2_final", DatasetFormat.JsonlText, "v1.2_final.jsonl")]
    public void TheFileNameIsTheSanitizedDatasetNameWithTheFormatsSuffix(string name, DatasetFormat format, string expected) =>
        DatasetWriters.FileName(name, format).ShouldBe(expected);

    [Fact]
    public void ContentTypesFollowTheFileKind()
    {
        DatasetWriters.ContentType(DatasetFormat.Yolo).ShouldBe("application/zip");
        DatasetWriters.ContentType(DatasetFormat.CsvTable).ShouldStartWith("text/csv");
        DatasetWriters.ContentType(DatasetFormat.JsonlText).ShouldStartWith("application/x-ndjson");
    }

    [Fact]
    public async Task AFormatThatDoesNotFitTheKindIsRefused()
    {
        var fixtures = new ExportFixtures();
        var dataset = new ExportDataset("t", DatasetKind.Table, [], []);

        await Should.ThrowAsync<ArgumentException>(() => fixtures.ExportAsync(dataset, DatasetFormat.Coco));
        await Should.ThrowAsync<ArgumentException>(() => fixtures.ExportAsync(dataset, DatasetFormat.Auto));
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
