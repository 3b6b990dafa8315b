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
        var usedLabels = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new List<string>();
        var listed = await YoloSubsetLists.ReadAsync(upload, open, problems, ct);
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
                if (lineProblems.Count > 0)
                {
                    rejected.Add(image.Path);
                    continue;
                }
            }
            // Keyed by the image's path in the upload: images/train/1.jpg and images/val/1.jpg are two items.
            var split = listed.TryGetValue(image.Path, out var fromList) ? fromList : SplitOf(image.Path);
            items.Add(new ParsedItem(image.Path, image.Source, null, split, boxes));
        }
        foreach (var orphan in upload.WithExtension(".txt").Where(f => IsLabelFile(f.Path) && !usedLabels.Contains(f.Path)))
            problems.Add(new(orphan.Path, "missing image file"));

        return new ParsedDataset(DatasetKind.ObjectDetection, DatasetFormat.Yolo, names.Distinct().ToList(), items, problems, RejectedImages: rejected);
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

    /// <summary>The split folder below the images folder (images/train/x.jpg), else above it (train/images/x.jpg).</summary>
    private static DatasetSplit SplitOf(string imagePath)
    {
        var folders = LayoutNames.Segments(imagePath)[..^1].ToList();
        var images = folders.FindLastIndex(s => s.Equals("images", StringComparison.OrdinalIgnoreCase));
        var below = folders[(images + 1)..];
        if (below.Count > 0 && LayoutNames.SplitFromName(below[0]) is { } inner) return inner;
        return folders[..Math.Max(images, 0)].LastOrDefault(LayoutNames.IsSplitName) is { } outer
            ? LayoutNames.SplitFromName(outer)!.Value
            : DatasetSplit.None;
    }
}
