using System.Text;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>
/// Import → split → export → import keeps file names, class names, boxes in pixels and splits, for every format. The
/// formats no reader imports yet (COCO labels, JSON Lines tables) are read back here and compared item by item.
/// </summary>
public abstract class RoundTripTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Theory]
    [InlineData(DatasetFormat.ImageFolders, "train/circle/")]
    [InlineData(DatasetFormat.Yolo, "val/circle/")]
    [InlineData(DatasetFormat.CsvImages, "labels.csv")]
    [InlineData(DatasetFormat.JsonlImages, "labels.jsonl")]
    public async Task ImageClassificationFormatsRoundTrip(DatasetFormat format, string entry)
    {
        var (bytes, original) = await RoundTripAsync(DatasetFixtures.ShapesZip(perClass: 8), "shapes.zip", format, "zip", DatasetFormat.ImageFolders);
        var entries = ExportedFiles.Entries(bytes);
        entries.Keys.ShouldContain(e => e.StartsWith(entry, StringComparison.Ordinal));
        if (format is DatasetFormat.CsvImages or DatasetFormat.JsonlImages)
            ExportedFiles.ImageList(entries[entry], format).ShouldBe(
                original.Select(i => $"{i.Path[(i.Path.LastIndexOf('/') + 1)..]} {i.Label} {i.Split}"), ignoreOrder: true);
    }

    [Fact]
    public async Task CocoLabelsKeepEveryImageWithItsClassSizeAndSplit()
    {
        var (dataset, workspace, owner, original) = await SplitAsync(DatasetFixtures.ShapesZip(perClass: 6), "shapes.zip");
        var bytes = await ExportAsync(owner, workspace, dataset, DatasetFormat.Coco, "zip");

        var entries = ExportedFiles.Entries(bytes);
        entries.Keys.Where(k => k.StartsWith("annotations/", StringComparison.Ordinal)).ShouldBe(
            ["annotations/labels_train.json", "annotations/labels_validation.json", "annotations/labels_test.json"], ignoreOrder: true);
        ExportedFiles.CocoLabels(entries).ShouldBe(Describe(original));
    }

    [Fact]
    public async Task TablesExportToJsonLinesWithEveryCellAndSplit()
    {
        var (dataset, workspace, owner, original) = await SplitAsync(DatasetFixtures.TableCsv(rows: 40), "flowers.csv");
        var bytes = await ExportAsync(owner, workspace, dataset, DatasetFormat.JsonlTable, "jsonl");

        ExportedFiles.TableRows(bytes).ShouldBe(original.Select(i => $"{string.Join('|', i.Cells!.Select(c => c ?? ""))} {i.Split}"), ignoreOrder: true);
    }

    [Fact]
    public async Task EachVersionListsTheFormatsThatFitAndRefusesTheOthersNamingThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (table, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.TableCsv(rows: 10), "t.csv", ct);
        var (images, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 2), "s.zip", ct);

        (await owner.ListExportFormatsAsync(workspace.Id, images.Id, 1, ct)).Select(f => f.Format).ShouldBe(
            [DatasetFormat.ImageFolders, DatasetFormat.CsvImages, DatasetFormat.JsonlImages, DatasetFormat.Coco, DatasetFormat.Yolo]);
        var formats = await owner.ListExportFormatsAsync(workspace.Id, table.Id, 1, ct);
        formats.Select(f => f.Format).ShouldBe([DatasetFormat.CsvTable, DatasetFormat.JsonlTable]);
        formats.ShouldAllBe(f => f.Description.Length > 0);
        var refused = await owner.StartExportAsync(workspace.Id, table.Id, 1, new StartExportRequest(DatasetFormat.Coco), ct)
            .ShouldFailWith(System.Net.HttpStatusCode.BadRequest);
        refused.Problem!.Errors!["format"].ShouldHaveSingleItem().ShouldContain("CSV (CsvTable) or JSON Lines (JsonlTable)");
        await owner.StartExportAsync(workspace.Id, images.Id, 1, new StartExportRequest(DatasetFormat.PascalVoc), ct)
            .ShouldFailWith(System.Net.HttpStatusCode.BadRequest);
        await owner.ListExportFormatsAsync(workspace.Id, images.Id, 9, ct).ShouldFailWith(System.Net.HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(DatasetFormat.Coco)]
    [InlineData(DatasetFormat.Yolo)]
    [InlineData(DatasetFormat.PascalVoc)]
    public async Task DetectionFormatsRoundTrip(DatasetFormat format) =>
        await RoundTripAsync(DatasetFixtures.DetectionZip(images: 15), "scenes.zip", format, "zip");

    [Fact]
    public async Task CsvTablesRoundTripAndAreSafeAgainstFormulaInjection()
    {
        var csv = "amount,note,label\n-1.5,=HYPERLINK(\"http://x\"),yes\n2,\"plain, with comma\",no\n3,@SUM(A1),yes\n4,+1,no\n5,,yes\n6,ok,no\n";
        var (exported, _) = await RoundTripAsync(Encoding.UTF8.GetBytes(csv), "notes.csv", DatasetFormat.CsvTable, "csv");
        var text = Encoding.UTF8.GetString(exported);
        text.ShouldContain("'=HYPERLINK");
        text.ShouldContain("'@SUM(A1)");
        text.ShouldContain("-1.5,");
    }

    [Theory]
    [InlineData(DatasetFormat.CsvText, "csv")]
    [InlineData(DatasetFormat.JsonlText, "jsonl")]
    public async Task TextRoundTrips(DatasetFormat format, string extension)
    {
        var lines = new StringBuilder("text,label\n");
        for (var i = 0; i < 20; i++) lines.Append($"\"review {i}, {(i % 2 == 0 ? "great" : "awful")}\",{(i % 2 == 0 ? "positive" : "negative")}\n");
        await RoundTripAsync(Encoding.UTF8.GetBytes(lines.ToString()), "reviews.csv", format, extension);
    }

    private async Task<(byte[] Bytes, List<DatasetItemDto> Original)> RoundTripAsync(byte[] source, string fileName, DatasetFormat format,
        string extension, DatasetFormat? importAs = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var (dataset, workspace, owner, original) = await SplitAsync(source, fileName);
        var (bytes, exportedName) = await ExportWithNameAsync(owner, workspace, dataset, format, extension);

        var (copy, reimport) = await owner.ImportAsync(workspace, bytes, exportedName, ct, new StartImportRequest([], Format: importAs ?? format));
        reimport.ShouldHaveSucceeded();
        (await owner.GetVersionAsync(workspace, copy.Id, 1, ct)).Classes.ShouldBe((await owner.GetVersionAsync(workspace, dataset, 2, ct)).Classes);
        var copied = await owner.AllItemsAsync(workspace, copy.Id, 1, ct);
        Describe(copied).ShouldBe(Describe(original));
        return (bytes, original);
    }

    /// <summary>Imports the file and splits it 60/20/20 into version 2, whose items it returns.</summary>
    private async Task<(Guid Dataset, Guid Workspace, PlatformClient Owner, List<DatasetItemDto> Items)> SplitAsync(byte[] source, string fileName)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, import) = await owner.ImportAsync(workspace.Id, source, fileName, ct);
        import.ShouldHaveSucceeded();
        var split = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.6, 0.2, 0.2, Seed: 5), ct);
        (await Wait.ForOperationAsync(owner, workspace.Id, split.Id, ct)).ShouldHaveSucceeded();
        return (dataset.Id, workspace.Id, owner, await owner.AllItemsAsync(workspace.Id, dataset.Id, 2, ct));
    }

    private static async Task<byte[]> ExportAsync(PlatformClient owner, Guid workspace, Guid dataset, DatasetFormat format, string extension) =>
        (await ExportWithNameAsync(owner, workspace, dataset, format, extension)).Bytes;

    private static async Task<(byte[] Bytes, string Name)> ExportWithNameAsync(PlatformClient owner, Guid workspace, Guid dataset, DatasetFormat format,
        string extension)
    {
        var ct = TestContext.Current.CancellationToken;
        var export = await owner.StartExportAsync(workspace, dataset, 2, new StartExportRequest(format), ct);
        var exported = await Wait.ForOperationAsync(owner, workspace, export.Id, ct, seconds: 120);
        exported.ResultFileName!.ShouldEndWith("." + extension);
        return (await owner.ResultAsync(workspace, exported, ct), exported.ResultFileName);
    }

    /// <summary>What must survive: the file name (or text/cells), class, split and boxes to a hundredth of a pixel.</summary>
    internal static List<string> Describe(IEnumerable<DatasetItemDto> items) => items.Select(i =>
        $"{(i.Width is null ? i.Text ?? string.Join('|', i.Cells ?? []) : i.Path[(i.Path.LastIndexOf('/') + 1)..])} " +
        $"{i.Label} {i.Split} {i.Width}x{i.Height} " +
        string.Join(";", i.Boxes.OrderBy(b => b.X).ThenBy(b => b.Y).Select(b => $"{b.Label}:{b.X:0.00},{b.Y:0.00},{b.Width:0.00},{b.Height:0.00}")))
        .Order(StringComparer.Ordinal).ToList();
}
