using System.Text;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class CsvTableReaderTests
{
    private static Task<ParsedDataset> ReadAsync(string csv, ImportOptions? options = null) =>
        new FakeUpload().Text("data.csv", csv).ReadAsync(options);

    [Fact]
    public async Task ColumnsAreTypedAndTheLastOneIsTheTarget()
    {
        var dataset = await ReadAsync("age,city,species\n31,Paris,setosa\n2.5e1,Oslo,virginica\n-4,Paris,setosa\n");

        dataset.Kind.ShouldBe(DatasetKind.Table);
        dataset.Format.ShouldBe(DatasetFormat.CsvTable);
        dataset.Columns.ShouldBe([new TableColumn("age", ColumnType.Number), new TableColumn("city", ColumnType.Category), new TableColumn("species", ColumnType.Category)]);
        dataset.TargetColumn.ShouldBe("species");
        dataset.Classes.ShouldBe(["setosa", "virginica"]);
        dataset.Items.Select(i => i.Path).ShouldBe(["row-0000001", "row-0000002", "row-0000003"]);
        var second = dataset.Items[1];
        (second.Label, second.Split, second.Image).ShouldBe(("virginica", DatasetSplit.None, null));
        second.Cells.ShouldBe(["2.5e1", "Oslo", "virginica"]);
    }

    [Fact]
    public async Task ANumberTargetMeansRegressionWithoutClasses()
    {
        var dataset = await ReadAsync("x,price\n1,10.5\n2,11\n");

        dataset.TargetColumn.ShouldBe("price");
        dataset.Classes.ShouldBeEmpty();
        dataset.Items[0].Label.ShouldBe("10.5");
    }

    [Fact]
    public async Task ATargetLikeNameWinsOverTheLastColumn()
    {
        var dataset = await ReadAsync("Label,a,b\nx,1,2\ny,3,4\n");

        dataset.TargetColumn.ShouldBe("Label");
        dataset.Items.Select(i => i.Label).ShouldBe(["x", "y"]);
    }

    [Fact]
    public async Task TheChosenTargetWinsAndAnUnknownOneIsRefused()
    {
        (await ReadAsync("a,b,label\nx,1,p\ny,2,q\n", new ImportOptions(TargetColumn: "a"))).TargetColumn.ShouldBe("a");

        var message = await new FakeUpload().Text("data.csv", "a,b\n1,2\n").RefusalAsync(new ImportOptions(TargetColumn: "price"));
        message.ShouldContain("no column 'price'");
        message.ShouldContain("a, b");
    }

    [Fact]
    public async Task QuotedFieldsMayHoldCommasQuotesAndLineBreaks()
    {
        var csv = "\uFEFFname,\"note, long\",kind\r\n\"Smith, J\",\"said \"\"hi\"\"\r\nthen left\",a\r\nDoe,plain,b\r\n";
        var dataset = await new FakeUpload().Bytes("data.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray()).ReadAsync();

        dataset.Columns!.Select(c => c.Name).ShouldBe(["name", "note, long", "kind"]);
        dataset.Items[0].Cells.ShouldBe(["Smith, J", "said \"hi\"\r\nthen left", "a"]);
        dataset.Items[1].Path.ShouldBe("row-0000002");
    }

    [Fact]
    public async Task MissingValuesBecomeNullAndDoNotSpoilANumberColumn()
    {
        var dataset = await ReadAsync("x,y,label\n1,,a\nNA,n/a,b\nnull,NaN,a\n4,5,b\n");

        dataset.Columns!.Take(2).ShouldAllBe(c => c.Type == ColumnType.Number);
        dataset.Items.Select(i => i.Cells![0]).ShouldBe(["1", null, null, "4"]);
        dataset.Items.Select(i => i.Cells![1]).ShouldBe([null, null, null, "5"]);
    }

    [Fact]
    public async Task ManyDistinctWordsMakeATextColumn()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"word{i},{i % 2}");
        var dataset = await ReadAsync("comment,label\n" + string.Join('\n', rows));

        dataset.Columns![0].Type.ShouldBe(ColumnType.Text);
        dataset.Columns[1].Type.ShouldBe(ColumnType.Number);
    }

    [Fact]
    public async Task TheSplitColumnSetsTheSplitAndIsNoFeature()
    {
        var dataset = await ReadAsync("x,split,label\n1,train,a\n2,Validation,b\n3,val,a\n4,test,b\n5,,a\n6,none,b\n7,later,a\n");

        dataset.Columns!.Select(c => c.Name).ShouldBe(["x", "label"]);
        dataset.Items.Select(i => i.Split).ShouldBe([DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Validation, DatasetSplit.Test, DatasetSplit.None, DatasetSplit.None]);
        dataset.Items[0].Cells.ShouldBe(["1", "a"]);
        dataset.Problems.ShouldBe([new ImportProblem("data.csv row 7", "unknown split 'later' (use train, validation, test or leave it empty)")]);
    }

    [Fact]
    public async Task ARowWithTheWrongNumberOfValuesIsReported()
    {
        var dataset = await ReadAsync("a,b,c,d,e\n1,2,3,4,x\n1,2,3,4\n\n1,2,3,4,y\n");

        dataset.Problems.ShouldBe([new ImportProblem("data.csv row 2", "4 values, the header has 5")]);
        dataset.Items.Select(i => i.Path).ShouldBe(["row-0000001", "row-0000003"]);
    }

    [Fact]
    public async Task AColumnForcedToNumbersReportsRowsThatAreNot()
    {
        var types = new Dictionary<string, ColumnType> { ["size"] = ColumnType.Number, ["zip"] = ColumnType.Category };
        var dataset = await ReadAsync("zip,size,label\n01234,3,a\n05678,big,b\n09999,4,b\n", new ImportOptions(ColumnTypes: types));

        dataset.Columns.ShouldBe([new TableColumn("zip", ColumnType.Category), new TableColumn("size", ColumnType.Number), new TableColumn("label", ColumnType.Category)]);
        dataset.Problems.ShouldBe([new ImportProblem("data.csv row 2", "'big' in the number column 'size' is not a number")]);
        dataset.Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task TheFormulaGuardQuoteIsRemoved()
    {
        var dataset = await ReadAsync("formula,n,label\n'=SUM(A1),'-3,a\n'plain,'+1,b\n");

        dataset.Items[0].Cells.ShouldBe(["=SUM(A1)", "-3", "a"]);
        dataset.Items[1].Cells.ShouldBe(["'plain", "+1", "b"]);
        dataset.Columns![1].Type.ShouldBe(ColumnType.Number);
    }

    [Fact]
    public async Task SemicolonSeparatedFilesAreRead()
    {
        var dataset = await ReadAsync("a;b;label\n1,5;2;x\n3;4;y\n");

        dataset.Items[0].Cells.ShouldBe(["1,5", "2", "x"]);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("a,b\n", "has a header but no rows")]
    [InlineData("a,A\n1,2\n", "appears more than once")]
    [InlineData("a,label\n1,x\n2,x\n", "needs at least two classes")]
    public async Task AnUnusableTableIsRefused(string csv, string message) =>
        (await new FakeUpload().Text("data.csv", csv).RefusalAsync()).ShouldContain(message);
}
