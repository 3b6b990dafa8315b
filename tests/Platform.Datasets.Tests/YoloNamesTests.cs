namespace Platform.Datasets.Tests;

/// <summary>data.yaml is read as YAML: quotes and escapes as YAML has them, and only the top-level names: entry counts.</summary>
public sealed class YoloNamesTests
{
    [Theory]
    [InlineData("names: [\"say \\\"hi\\\"\", 'it''s', \"back\\\\slash\", plain]\n")]
    [InlineData("names:\n  - \"say \\\"hi\\\"\"\n  - 'it''s'\n  - \"back\\\\slash\"\n  - plain  # a comment\n")]
    [InlineData("names: {0: \"say \\\"hi\\\"\", 1: 'it''s', 2: \"back\\\\slash\", 3: plain}\n")]
    public async Task QuotedAndEscapedNamesAreReadAsYamlMeansThem(string yaml) =>
        (await Read(yaml)).ShouldBe(["say \"hi\"", "it's", "back\\slash", "plain"]);

    [Fact]
    public async Task NamesNestedUnderAnotherKeyOrInsideABlockOfTextAreIgnored() =>
        (await Read("download: |\n  names: [wrong, text]\nmeta:\n  names: [wrong, nested]\n  other: 1\nnames: [a, b]\n")).ShouldBe(["a", "b"]);

    [Fact]
    public async Task NamesOnlyUnderAnotherKeyAreNoNamesEntry() =>
        (await Refusal("meta:\n  names: [a, b]\n")).ShouldContain("no names: entry");

    [Fact]
    public async Task AHashInsideQuotesIsPartOfTheName() =>
        (await Read("names: ['#1 pick', \"a # b\"]  # comment\n")).ShouldBe(["#1 pick", "a # b"]);

    [Theory]
    [InlineData("names: [a, [b, c]]\n", "the name of class 1 should be")]
    [InlineData("names: {0: a, x: b}\n", "cannot read the class name entry 'x: b'")]
    [InlineData("names: {0: a, 1: [b]}\n", "the name of class 1 should be")]
    [InlineData("names: person\n", "names: should be a list of class names, not 'person'")]
    [InlineData("names: [a, 'b\n", "is not valid YAML")]
    [InlineData("names:\n  - a\n  x: b\n", "is not valid YAML")]
    public async Task NamesThatAreNotAListOfTextAreRefused(string yaml, string expected) =>
        (await Refusal(yaml)).ShouldContain(expected);

    private static FakeUpload Upload(string yaml) =>
        new FakeUpload().Text("data.yaml", yaml).Text("labels/x.txt", "0 0.5 0.5 0.1 0.1").Images("images/x.jpg");

    private static async Task<IReadOnlyList<string>> Read(string yaml) => (await Upload(yaml).ReadAsync()).Classes;

    private static Task<string> Refusal(string yaml) => Upload(yaml).RefusalAsync();
}
