using System.Text;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Import → split → export → import keeps file names, class names, boxes in pixels and splits, for every format.</summary>
public abstract class RoundTripTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ImageFoldersRoundTrip() =>
        await RoundTripAsync(DatasetFixtures.ShapesZip(perClass: 8), "shapes.zip", DatasetFormat.ImageFolders, "zip");

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
        var exported = await RoundTripAsync(Encoding.UTF8.GetBytes(csv), "notes.csv", DatasetFormat.CsvTable, "csv");
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

    private async Task<byte[]> RoundTripAsync(byte[] source, string fileName, DatasetFormat format, string extension)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, import) = await owner.ImportAsync(workspace.Id, source, fileName, ct);
        import.ShouldHaveSucceeded();
        var split = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.6, 0.2, 0.2, Seed: 5), ct);
        (await Wait.ForOperationAsync(owner, workspace.Id, split.Id, ct)).ShouldHaveSucceeded();
        var original = await owner.AllItemsAsync(workspace.Id, dataset.Id, 2, ct);

        var export = await owner.StartExportAsync(workspace.Id, dataset.Id, 2, new StartExportRequest(format), ct);
        var exported = await Wait.ForOperationAsync(owner, workspace.Id, export.Id, ct, seconds: 120);
        exported.ResultFileName!.ShouldEndWith("." + extension);
        var bytes = await owner.ResultAsync(workspace.Id, exported, ct);

        var (copy, reimport) = await owner.ImportAsync(workspace.Id, bytes, exported.ResultFileName, ct, new StartImportRequest([], Format: format));
        reimport.ShouldHaveSucceeded();
        (await owner.GetVersionAsync(workspace.Id, copy.Id, 1, ct)).Classes.ShouldBe((await owner.GetVersionAsync(workspace.Id, dataset.Id, 2, ct)).Classes);
        var copied = await owner.AllItemsAsync(workspace.Id, copy.Id, 1, ct);
        Describe(copied).ShouldBe(Describe(original));
        return bytes;
    }

    /// <summary>What must survive: the file name (or text/cells), class, split and boxes to a hundredth of a pixel.</summary>
    private static List<string> Describe(IEnumerable<DatasetItemDto> items) => items.Select(i =>
        $"{(i.Width is null ? i.Text ?? string.Join('|', i.Cells ?? []) : i.Path[(i.Path.LastIndexOf('/') + 1)..])} " +
        $"{i.Label} {i.Split} {i.Width}x{i.Height} " +
        string.Join(";", i.Boxes.OrderBy(b => b.X).ThenBy(b => b.Y).Select(b => $"{b.Label}:{b.X:0.00},{b.Y:0.00},{b.Width:0.00},{b.Height:0.00}")))
        .Order(StringComparer.Ordinal).ToList();
}
