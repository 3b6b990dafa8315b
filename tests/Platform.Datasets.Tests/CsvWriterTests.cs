using System.Text;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class CsvWriterTests
{
    private readonly ExportFixtures fixtures = new();

    [Fact]
    public async Task ATableIsItsColumnsThenASplitColumn()
    {
        var dataset = new ExportDataset("t", DatasetKind.Table, [],
        [
            ExportFixtures.Row(DatasetSplit.Train, "1.5", "red", "yes"),
            ExportFixtures.Row(DatasetSplit.None, "2", null, "no"),
            ExportFixtures.Row(DatasetSplit.Test, "3"),
        ],
        [new TableColumn("size", ColumnType.Number), new TableColumn("color", ColumnType.Category), new TableColumn("ok", ColumnType.Category)],
        "ok");

        var bytes = await fixtures.ExportAsync(dataset, DatasetFormat.CsvTable);

        bytes[0].ShouldBe((byte)'s');
        Encoding.UTF8.GetString(bytes).ShouldBe("size,color,ok,split\n1.5,red,yes,train\n2,,no,\n3,,,test\n");
    }

    [Fact]
    public async Task WithoutSplitsThereIsNoSplitColumn()
    {
        var dataset = new ExportDataset("t", DatasetKind.Table, [], [ExportFixtures.Row(DatasetSplit.None, "a", "b")],
            [new TableColumn("x", ColumnType.Text), new TableColumn("y", ColumnType.Text)]);

        Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.CsvTable)).ShouldBe("x,y\na,b\n");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("padded ", "\"padded \"")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("+3", "+3")]
    [InlineData("-2e5", "-2e5")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-", "'-")]
    [InlineData("@mention", "'@mention")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    public async Task CellsAreQuotedAndFormulasDefused(string value, string written)
    {
        var dataset = new ExportDataset("t", DatasetKind.Table, [], [ExportFixtures.Row(DatasetSplit.None, value)],
            [new TableColumn("v", ColumnType.Text)]);

        Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.CsvTable)).ShouldBe($"v\n{written}\n");
    }

    [Fact]
    public async Task TextIsWrittenAsTextLabelAndSplit()
    {
        var dataset = new ExportDataset("r", DatasetKind.TextClassification, ["good", "bad"],
        [
            ExportFixtures.Text("Great, really", "good", DatasetSplit.Train),
            ExportFixtures.Text("=1+1 is not fun", "bad"),
            ExportFixtures.Text("héllo", null, DatasetSplit.Validation),
        ]);

        var csv = Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.CsvText));

        csv.ShouldBe("text,label,split\n\"Great, really\",good,train\n'=1+1 is not fun,bad,\nhéllo,,validation\n");
    }

    [Fact]
    public async Task TextWithoutSplitsHasTwoColumns()
    {
        var dataset = new ExportDataset("r", DatasetKind.TextClassification, ["good"], [ExportFixtures.Text("fine", "good")]);

        Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.CsvText)).ShouldBe("text,label\nfine,good\n");
    }

    [Fact]
    public async Task JsonLinesHoldOneObjectPerItemWithTheSplitWhenThereIsOne()
    {
        var dataset = new ExportDataset("r", DatasetKind.TextClassification, ["good"],
        [
            ExportFixtures.Text("say \"hi\"\nthere", "good", DatasetSplit.Test),
            ExportFixtures.Text("café", null),
        ]);

        var jsonl = Encoding.UTF8.GetString(await fixtures.ExportAsync(dataset, DatasetFormat.JsonlText));

        jsonl.ShouldBe("{\"text\":\"say \\\"hi\\\"\\nthere\",\"label\":\"good\",\"split\":\"test\"}\n{\"text\":\"café\",\"label\":null}\n");
    }
}
