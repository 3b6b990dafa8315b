using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// YOLO: class names in data.yaml or classes.txt, and labels/{split}/x.txt next to images/{split}/x.jpg (also the
/// {split}/images + {split}/labels variant and labels lying beside their images), one "class cx cy w h" line a box.
/// </summary>
internal static class YoloReader
{
    public static async Task<ParsedDataset> ReadAsync(Upload upload, OpenSource open, CancellationToken ct)
    {
        var namesFile = YoloNames.Find(upload)
            ?? throw new DatasetFormatException("No class names: a YOLO dataset needs a data.yaml with names: [...] or a classes.txt.");
        var names = YoloNames.Parse(namesFile, await Upload.ReadTextAsync(open, namesFile, ct));
        if (names.Count == 0) throw new DatasetFormatException($"{namesFile.Path} lists no class names.");

        var problems = new List<ImportProblem>();
        var items = new List<ParsedItem>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var usedLabels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in upload.Images.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var label = LabelCandidates(image.Path).Select(upload.Find).FirstOrDefault(f => f is not null);
            IReadOnlyList<ParsedBox> boxes = [];
            if (label is not null)
            {
                usedLabels.Add(label.Path);
                var lineProblems = new List<ImportProblem>();
                boxes = YoloLabels.Parse(label.Path, await Upload.ReadTextAsync(open, label, ct), names, lineProblems);
                problems.AddRange(lineProblems);
                if (lineProblems.Count > 0) continue;
            }
            var (path, split) = ItemPath(image.Path);
            if (!paths.Add(path)) problems.Add(new(image.Path, $"another image is also named {path}"));
            else items.Add(new ParsedItem(path, image.Source, null, split, boxes));
        }
        foreach (var orphan in upload.WithExtension(".txt").Where(f => IsLabelFile(f.Path) && !usedLabels.Contains(f.Path)))
            problems.Add(new(orphan.Path, "missing image file"));

        return new ParsedDataset(DatasetKind.ObjectDetection, DatasetFormat.Yolo, names.Distinct().ToList(), items, problems);
    }

    /// <summary>A .txt under a labels folder: where a YOLO label file lives.</summary>
    public static bool IsLabelFile(string path) =>
        LayoutNames.HasExtension(path, ".txt") && !YoloNames.IsNamesFile(path)
        && LayoutNames.Segments(path)[..^1].Contains("labels", StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> LabelCandidates(string imagePath)
    {
        var segments = LayoutNames.Segments(imagePath);
        var images = Array.FindLastIndex(segments[..^1], s => s.Equals("images", StringComparison.OrdinalIgnoreCase));
        if (images >= 0)
        {
            var swapped = segments.ToArray();
            swapped[images] = "labels";
            yield return LayoutNames.WithoutExtension(string.Join('/', swapped)) + ".txt";
        }
        yield return LayoutNames.WithoutExtension(imagePath) + ".txt";
    }

    /// <summary>The image's name in the dataset (its path below the images folder and the split folder) and its split.</summary>
    private static (string Path, DatasetSplit Split) ItemPath(string imagePath)
    {
        var folders = LayoutNames.Segments(imagePath)[..^1].ToList();
        var images = folders.FindLastIndex(s => s.Equals("images", StringComparison.OrdinalIgnoreCase));
        var below = folders[(images + 1)..];
        var split = DatasetSplit.None;
        if (below.Count > 0 && LayoutNames.SplitFromName(below[0]) is { } inner)
        {
            split = inner;
            below.RemoveAt(0);
        }
        else if (folders[..Math.Max(images, 0)].LastOrDefault(LayoutNames.IsSplitName) is { } outer)
            split = LayoutNames.SplitFromName(outer)!.Value;
        return (string.Join('/', below.Append(LayoutNames.FileName(imagePath))), split);
    }
}
