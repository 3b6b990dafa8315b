using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// Darknet-style subset lists: train.txt, val.txt (valid.txt) and test.txt name one image a line, with paths as the
/// training machine saw them (data/obj_train_data/1.jpg); each line is matched to the upload by its longest suffix.
/// </summary>
internal static class YoloSubsetLists
{
    public static async Task<Dictionary<string, DatasetSplit>> ReadAsync(Upload upload, OpenSource open, List<ImportProblem> problems, CancellationToken ct)
    {
        var splits = new Dictionary<string, DatasetSplit>(StringComparer.Ordinal);
        var lists = upload.WithExtension(".txt")
            .Where(f => !YoloReader.IsLabelFile(f.Path) && !YoloNames.IsNamesFile(f.Path) && LayoutNames.SplitFromName(LayoutNames.Stem(f.Path)) is not null)
            .OrderBy(f => f.Path, StringComparer.Ordinal);
        foreach (var list in lists)
        {
            var split = LayoutNames.SplitFromName(LayoutNames.Stem(list.Path))!.Value;
            var lines = (await Upload.ReadTextAsync(open, list, ct)).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var missing = 0;
            foreach (var line in lines)
            {
                if (Resolve(upload, line) is { } image) splits[image.Path] = split;
                else missing++;
            }
            if (missing > 0) problems.Add(new(list.Path, $"{missing} of its {lines.Count} images are not in the upload"));
        }
        return splits;
    }

    private static UploadFile? Resolve(Upload upload, string line)
    {
        var segments = LayoutNames.Segments(line.Replace('\\', '/').TrimStart('.', '/'));
        for (var i = 0; i < segments.Length; i++)
        {
            if (upload.Find(string.Join('/', segments[i..])) is { } found) return found;
        }
        return null;
    }
}
