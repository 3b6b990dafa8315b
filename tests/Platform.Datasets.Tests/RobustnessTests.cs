using System.Text;
using Platform.Contracts;
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
        { "Annotations/a.xml", "<other/>" },
        { "data.csv", "\"\"\"" },
        { "data.csv", "a,\"b\nc" },
        { "data.csv", ",,\n,,\n" },
        { "data.jsonl", "\"just a string\"\nnull\n{\"text\": {\"nested\": 1}, \"label\": []}\n" },
    };

    [Theory]
    [MemberData(nameof(OddContent))]
    public async Task OddAnnotationContentIsReportedOrRefused(string path, string content)
    {
        var dataset = await ReadsOrRefusesAsync(UploadBeside(path).Text(path, content));

        // Content this broken is never read as if nothing were wrong.
        dataset?.Problems.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("<!DOCTYPE annotation [<!ENTITY e SYSTEM \"{0}\">]><annotation><filename>&e;</filename><size><width>9</width><height>9</height></size><object><name>&e;</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object></annotation>")]
    [InlineData("<!DOCTYPE annotation [<!ENTITY % p SYSTEM \"{0}\"> %p;]><annotation><filename>a.jpg</filename></annotation>")]
    public async Task AnExternalEntityNeverBringsALocalFileIntoTheDataset(string template)
    {
        var secret = $"secret-{Guid.NewGuid():N}";
        var file = Path.Combine(Path.GetTempPath(), secret + ".txt");
        await File.WriteAllTextAsync(file, secret, TestContext.Current.CancellationToken);
        try
        {
            var xml = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, new Uri(file).AbsoluteUri);
            var upload = UploadBeside("Annotations/a.xml").Text("Annotations/a.xml", xml);

            var dataset = await ReadsOrRefusesAsync(upload);
            var refusal = dataset is null ? await upload.RefusalAsync() : "";

            refusal.ShouldNotContain(secret);
            if (dataset is not null) Everything(dataset).ShouldAllBe(text => !text.Contains(secret));
        }
        finally
        {
            File.Delete(file);
        }
    }

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

    /// <summary>
    /// Reads the upload: a refusal must say why; a dataset must hold only sound items (unique non-empty paths, known
    /// labels, finite boxes) and problems that name a file and say what is wrong. Null when refused. Readers never
    /// open images.
    /// </summary>
    private static async Task<ParsedDataset?> ReadsOrRefusesAsync(FakeUpload upload)
    {
        ParsedDataset? dataset = null;
        try
        {
            dataset = await upload.ReadAsync();
        }
        catch (DatasetFormatException e)
        {
            e.Message.ShouldNotBeNullOrWhiteSpace();
        }
        upload.Opened.ShouldNotContain(path => path.EndsWith(".jpg", StringComparison.Ordinal));
        if (dataset is null) return null;

        dataset.Items.Select(i => i.Path).ShouldAllBe(p => !string.IsNullOrWhiteSpace(p));
        dataset.Items.Select(i => i.Path).ShouldBeUnique();
        dataset.Problems.ShouldAllBe(p => !string.IsNullOrWhiteSpace(p.File) && !string.IsNullOrWhiteSpace(p.Message));
        foreach (var item in dataset.Items)
        {
            if (item.Label is { } label && dataset.Kind != DatasetKind.Table) dataset.Classes.ShouldContain(label);
            foreach (var box in item.Boxes)
            {
                dataset.Classes.ShouldContain(box.Label);
                new[] { box.X, box.Y, box.Width, box.Height }.ShouldAllBe(v => double.IsFinite(v));
            }
        }
        return dataset;
    }

    /// <summary>Every piece of text the reader took from the files.</summary>
    private static IEnumerable<string> Everything(ParsedDataset dataset) =>
        dataset.Classes
            .Concat(dataset.Items.SelectMany(i => new[] { i.Path, i.Label, i.Text }.Concat(i.Cells ?? []).Concat(i.Boxes.Select(b => b.Label))))
            .Concat(dataset.Problems.SelectMany(p => new[] { p.File, p.Message }))
            .OfType<string>();
}
