using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class CsvTextReaderTests
{
    [Fact]
    public async Task TextAndLabelColumnsAreFoundByTheirNames()
    {
        var dataset = await new FakeUpload()
            .Text("reviews.csv", "id,Review,sentiment_score,Class,split\n1,\"Great, really\",0.9,pos,train\n2,'=not a formula,0.1,neg,test\n")
            .ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.TextClassification);
        dataset.Format.ShouldBe(DatasetFormat.CsvText);
        dataset.Classes.ShouldBe(["neg", "pos"]);
        dataset.Items.Select(i => (i.Path, i.Text, i.Label, i.Split)).ShouldBe([
            ("row-0000001", "Great, really", "pos", DatasetSplit.Train), ("row-0000002", "=not a formula", "neg", DatasetSplit.Test)]);
        dataset.Columns.ShouldBeNull();
    }

    [Fact]
    public async Task ChosenColumnsWin()
    {
        var dataset = await new FakeUpload().Text("a.csv", "title,body,topic\nA,first,x\nB,second,y\n")
            .ReadAsync(new ImportOptions(DatasetFormat.CsvText, TextColumn: "body", LabelColumn: "topic"));

        dataset.Items.Select(i => (i.Text, i.Label)).ShouldBe([("first", "x"), ("second", "y")]);
    }

    [Fact]
    public async Task ATextImportWithoutATextColumnIsRefused() =>
        (await new FakeUpload().Text("a.csv", "a,b\n1,2\n").RefusalAsync(new ImportOptions(DatasetFormat.CsvText)))
            .ShouldContain("needs a text column");

    [Fact]
    public async Task EmptyTextAndMissingLabelsAreReported()
    {
        var dataset = await new FakeUpload().Text("a.csv", "text,label\nfine,a\n  ,b\nno label,\nalso fine,b\nx,NA\n").ReadAsync();

        dataset.Items.Count.ShouldBe(2);
        dataset.Problems.ShouldBe([
            new ImportProblem("a.csv row 2", "empty text"), new ImportProblem("a.csv row 3", "missing label"), new ImportProblem("a.csv row 5", "missing label")]);
    }

    [Fact]
    public async Task ASingleLabelIsRefused() =>
        (await new FakeUpload().Text("a.csv", "text,label\nx,a\ny,a\n").RefusalAsync()).ShouldContain("at least two classes");
}
