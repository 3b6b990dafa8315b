using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Writes JPEGImages/{name}, Annotations/{stem}.xml and, when items have splits, ImageSets/Main/{train,val,test}.txt
/// listing the stems of each split.
/// </summary>
internal static class PascalVocWriter
{
    private const string ImageFolder = "JPEGImages";

    private static readonly XmlWriterSettings XmlSettings =
        new() { Async = true, Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false };

    public static async Task WriteAsync(ExportContext export, CancellationToken ct)
    {
        var items = export.Dataset.Items.Where(i => i.Sha256 is not null).ToList();
        var names = new NameAllocator(byStem: true);
        var sets = new Dictionary<DatasetSplit, StringBuilder>();
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        foreach (var item in items)
        {
            var name = names.Allocate(ImageFolder, ExportPaths.NameOf(item.Path));
            var stem = ExportPaths.Stem(name);
            await zip.AddBlobAsync($"{ImageFolder}/{name}", item.Sha256!, export.OpenBlob, ct);
            var (width, height) = await ImageSizes.OfAsync(item, export.OpenBlob, ct);
            var annotation = Annotation(name, width, height, item.Boxes);
            await zip.AddTextAsync($"Annotations/{stem}.xml", async (stream, token) =>
            {
                await using var xml = XmlWriter.Create(stream, XmlSettings);
                await annotation.SaveAsync(xml, token);
            }, ct);

            if (item.Split != DatasetSplit.None)
            {
                if (!sets.TryGetValue(item.Split, out var set))
                {
                    sets[item.Split] = set = new StringBuilder();
                }

                set.Append(stem).Append('\n');
            }

            export.Progress.Add();
        }

        foreach (var (split, file) in new[] { (DatasetSplit.Train, "train"), (DatasetSplit.Validation, "val"), (DatasetSplit.Test, "test") })
        {
            if (sets.TryGetValue(split, out var stems))
            {
                await zip.AddTextAsync($"ImageSets/Main/{file}.txt", stems.ToString(), ct);
            }
        }
    }

    private static XDocument Annotation(string name, int width, int height, IReadOnlyList<ParsedBox> boxes) =>
        new(new XElement("annotation",
            new XElement("folder", ImageFolder),
            new XElement("filename", XmlText(name)),
            new XElement("size",
                new XElement("width", width),
                new XElement("height", height),
                new XElement("depth", 3)),
            boxes.Select(box => new XElement("object",
                new XElement("name", XmlText(box.Label)),
                new XElement("pose", "Unspecified"),
                new XElement("truncated", 0),
                new XElement("difficult", 0),
                new XElement("bndbox",
                    new XElement("xmin", Number(box.X)),
                    new XElement("ymin", Number(box.Y)),
                    new XElement("xmax", Number(box.X + box.Width)),
                    new XElement("ymax", Number(box.Y + box.Height)))))));

    /// <summary>Drops the few characters XML cannot hold (most control characters), which would stop the export.</summary>
    private static string XmlText(string value) =>
        string.Concat(value.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)));

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
