using System.Text;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>Whatever the annotation files hold, a reader reports problems or refuses the upload; it never crashes.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string> OddContent => new()
    {
        { "annotations/instances.json", """{"images": [1, "x", null, {"id": {}, "file_name": 3}, {"id": 1, "file_name": "a.jpg", "width": "wide"}], "annotations": [{"image_id": 1, "category_id": [], "bbox": [1e400, 1, 1, 1]}, 5], "categories": [{"id": null}, {"id": 1, "name": 7}]}""" },
        { "annotations/instances.json", """{"images": {}, "annotations": [], "categories": []}""" },
        { "data.yaml", "names: [a, 'b" },
        { "data.yaml", "names: {a}" },
        { "data.yaml", "names:\n  - a\n  x: b\n" },
        { "data.yaml", "names: person" },
        { "labels/a.txt", "0 nan 0.5 0.1 0.1\n-1 0.5 0.5 0.1 0.1\n0.5 0.5 0.5 0.1 0.1\n0 1e999 0 0 0\n" },
        { "Annotations/a.xml", "<annotation><size><width>-5</width><height>x</height></size><object><bndbox/></object><object><name>a</name></object></annotation>" },
        { "Annotations/a.xml", "<!DOCTYPE annotation [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><annotation><filename>&e;</filename></annotation>" },
        { "Annotations/a.xml", "<other/>" },
        { "data.csv", "\"\"\"" },
        { "data.csv", "a,\"b\nc" },
        { "data.csv", ",,\n,,\n" },
        { "data.jsonl", "\"just a string\"\nnull\n{\"text\": {\"nested\": 1}, \"label\": []}\n" },
    };

    [Theory]
    [MemberData(nameof(OddContent))]
    public async Task OddAnnotationContentIsReportedOrRefused(string path, string content) =>
        await ReadsOrRefusesAsync(UploadBeside(path).Text(path, content));

    [Theory]
    [InlineData("annotations/instances.json")]
    [InlineData("data.yaml")]
    [InlineData("labels/a.txt")]
    [InlineData("Annotations/a.xml")]
    [InlineData("data.csv")]
    [InlineData("data.jsonl")]
    public async Task RandomBytesAreReportedOrRefused(string path)
    {
        var random = new Random(path.Length);
        for (var round = 0; round < 20; round++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (round % 2 == 0) bytes = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(bytes));
            await ReadsOrRefusesAsync(UploadBeside(path).Bytes(path, bytes));
        }
    }

    /// <summary>The other files of the layout that the annotation file belongs to, so that this layout is the one detected.</summary>
    private static FakeUpload UploadBeside(string path) => path switch
    {
        "data.yaml" or "labels/a.txt" => new FakeUpload().Text("data.yaml", "names: [a, b]").Text("labels/a.txt", "0 0.5 0.5 0.1 0.1").Images("images/a.jpg"),
        "Annotations/a.xml" => new FakeUpload().Images("JPEGImages/a.jpg"),
        "annotations/instances.json" => new FakeUpload().Images("images/a.jpg"),
        _ => new FakeUpload(),
    };

    private static async Task ReadsOrRefusesAsync(FakeUpload upload)
    {
        upload.Opened.ShouldBeEmpty();
        try
        {
            var dataset = await upload.ReadAsync();
            dataset.Items.ShouldNotBeNull();
        }
        catch (DatasetFormatException e)
        {
            e.Message.ShouldNotBeNullOrWhiteSpace();
        }
    }
}
