using System.Globalization;
using System.Text;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Writes data.yaml, images/{split}/{name} and labels/{split}/{stem}.txt (images/{name} and labels/{stem}.txt when no
/// item has a split), with one "class cx cy w h" line per box, normalized by the image size.
/// </summary>
internal static class YoloWriter
{
    public static async Task WriteAsync(ExportContext export, CancellationToken ct)
    {
        var classes = new ClassList(export.Dataset);
        var items = export.Dataset.Items.Where(i => i.Sha256 is not null).ToList();
        var splits = ExportPaths.HasSplits(items);
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        await zip.AddTextAsync("data.yaml", DataYaml(classes, splits ? items : null), ct);
        var names = new NameAllocator(byStem: true);
        foreach (var item in items)
        {
            var folder = splits ? "/" + ExportPaths.SplitFolder(item.Split) : "";
            var name = names.Allocate(folder, ExportPaths.NameOf(item.Path));
            await zip.AddBlobAsync($"images{folder}/{name}", item.Sha256!, export.OpenBlob, ct);
            var (width, height) = await ImageSizes.OfAsync(item, export.OpenBlob, ct);
            var labels = LabelLines(item.Boxes, classes, width, height);
            await zip.AddTextAsync($"labels{folder}/{ExportPaths.Stem(name)}.txt", labels, ct);
            export.Progress.Add();
        }
    }

    /// <summary>The dataset file; <paramref name="splitItems"/> is null when the export has no split folders.</summary>
    public static string DataYaml(ClassList classes, IReadOnlyList<ExportItem>? splitItems)
    {
        var yaml = new StringBuilder("path: .\n");
        if (splitItems is null)
        {
            yaml.Append("train: images\n");
        }
        else
        {
            var present = splitItems.Select(i => i.Split).ToHashSet();
            foreach (var (split, key) in new[] { (DatasetSplit.Train, "train"), (DatasetSplit.Validation, "val"), (DatasetSplit.Test, "test") })
            {
                if (present.Contains(split))
                {
                    yaml.Append($"{key}: images/{ExportPaths.SplitFolder(split)}\n");
                }
            }
        }

        yaml.Append(CultureInfo.InvariantCulture, $"nc: {classes.Names.Count}\n");
        yaml.Append(classes.Names.Count == 0 ? "names: []\n" : "names:\n");
        foreach (var name in classes.Names)
        {
            yaml.Append($"  - {Quoted(name)}\n");
        }

        return yaml.ToString();
    }

    /// <summary>Boxes are left out when the image size is unknown, since they cannot be normalized.</summary>
    private static string LabelLines(IReadOnlyList<ParsedBox> boxes, ClassList classes, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return "";
        }

        var lines = new StringBuilder();
        foreach (var box in boxes)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{classes.IndexOf(box.Label)} {Number((box.X + (box.Width / 2)) / width)} ");
            lines.Append(CultureInfo.InvariantCulture, $"{Number((box.Y + (box.Height / 2)) / height)} ");
            lines.Append(CultureInfo.InvariantCulture, $"{Number(box.Width / width)} {Number(box.Height / height)}\n");
        }

        return lines.ToString();
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quoted(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
