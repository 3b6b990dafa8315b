using System.Text;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class JsonlTableWriterTests
{
    private readonly ExportFixtures fixtures = new();

    [Fact]
    public async Task EachRowIsAnObjectOfItsColumnsThenItsSplit()
    {
        var dataset = new ExportDataset("t", DatasetKind.Table, [],
        [
            ExportFixtures.Row(DatasetSplit.Train, "1.50", "red", "yes"),
            ExportFixtures.Row(DatasetSplit.None, "-2e5", null, "no"),
            ExportFixtures.Row(DatasetSplit.Test, ".5", "say \"hi\""),
        ],
        [new TableColumn("size", ColumnType.Number), new TableColumn("color", ColumnType.Category), new TableColumn("ok", ColumnType.Category)],
        "ok");

        var text = Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.JsonlTable));

        text.ShouldBe(
            "{\"size\":1.50,\"color\":\"red\",\"ok\":\"yes\",\"split\":\"train\"}\n" +
            "{\"size\":-2e5,\"color\":null,\"ok\":\"no\"}\n" +
            "{\"size\":\".5\",\"color\":\"say \\\"hi\\\"\",\"ok\":null,\"split\":\"test\"}\n");
    }

    [Fact]
    public async Task NumbersInTextColumnsStayStrings()
    {
        var dataset = new ExportDataset("t", DatasetKind.Table, [], [ExportFixtures.Row(DatasetSplit.None, "007")],
            [new TableColumn("code", ColumnType.Text)]);

        Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.JsonlTable)).ShouldBe("{\"code\":\"007\"}\n");
    }
}
