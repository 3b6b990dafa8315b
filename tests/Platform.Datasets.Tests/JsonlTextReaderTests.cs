using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class JsonlTextReaderTests
{
    [Fact]
    public async Task EachLineIsAnItem()
    {
        var dataset = await new FakeUpload().Text("data.jsonl", """
            {"text": "good film", "label": "pos", "split": "train"}

            {"Sentence": "bad film", "category": "neg", "split": "validation"}
            {"text": "so-so", "label": 3}
            """).ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.TextClassification);
        dataset.Format.ShouldBe(DatasetFormat.JsonlText);
        dataset.Classes.ShouldBe(["3", "neg", "pos"]);
        dataset.Items.Select(i => (i.Path, i.Text, i.Label, i.Split)).ShouldBe([
            ("row-0000001", "good film", "pos", DatasetSplit.Train), ("row-0000002", "bad film", "neg", DatasetSplit.Validation),
            ("row-0000003", "so-so", "3", DatasetSplit.None)]);
        dataset.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task ChosenKeysWin()
    {
        var dataset = await new FakeUpload().Text("data.jsonl", "{\"body\": \"a\", \"tag\": \"x\", \"text\": \"no\"}\n{\"body\": \"b\", \"tag\": \"y\"}\n")
            .ReadAsync(new ImportOptions(TextColumn: "body", LabelColumn: "tag"));

        dataset.Items.Select(i => (i.Text, i.Label)).ShouldBe([("a", "x"), ("b", "y")]);
    }

    [Fact]
    public async Task BadLinesAreReportedWithTheirLineNumber()
    {
        var dataset = await new FakeUpload().Text("data.jsonl",
            "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \n[1, 2]\n{\"text\": \"\", \"label\": \"x\"}\n{\"text\": \"c\"}\n{\"text\": \"d\", \"label\": \"y\", \"split\": \"dev\"}\n{\"text\": \"e\", \"label\": \"y\"}\n")
            .ReadAsync();

        dataset.Items.Select(i => i.Path).ShouldBe(["row-0000001", "row-0000007"]);
        dataset.Problems.Select(p => p.File).ShouldBe(["data.jsonl line 2", "data.jsonl line 3", "data.jsonl line 4", "data.jsonl line 5", "data.jsonl line 6"]);
        dataset.Problems[0].Message.ShouldStartWith("not valid JSON");
        dataset.Problems.Skip(1).Select(p => p.Message).ShouldBe([
            "not a JSON object", "empty text", "missing label", "unknown split 'dev' (use train, validation, test or leave it empty)"]);
    }
}
