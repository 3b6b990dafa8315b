using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>ImageSets/Main/{train,val,test}.txt: one image id (file stem) a line. trainval.txt counts only when train and val are absent.</summary>
internal static class VocSplits
{
    public static async Task<Dictionary<string, DatasetSplit>> ReadAsync(Upload upload, OpenSource open, CancellationToken ct)
    {
        var lists = upload.WithExtension(".txt")
            .Where(f => LayoutNames.Segments(f.Path).Contains("ImageSets", StringComparer.OrdinalIgnoreCase))
            .Select(f => (File: f, Split: SplitOf(LayoutNames.Stem(f.Path))))
            .Where(l => l.Split is not null)
            .ToList();
        var hasTrainOrVal = lists.Any(l => !LayoutNames.Stem(l.File.Path).Equals("trainval", StringComparison.OrdinalIgnoreCase)
            && l.Split is DatasetSplit.Train or DatasetSplit.Validation);
        var splits = new Dictionary<string, DatasetSplit>(StringComparer.Ordinal);
        foreach (var (file, split) in lists.OrderBy(l => l.Split == DatasetSplit.None).ThenBy(l => l.Split))
        {
            if (hasTrainOrVal && LayoutNames.Stem(file.Path).Equals("trainval", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var line in (await Upload.ReadTextAsync(open, file, ct)).Split('\n'))
            {
                var id = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (id is not null) splits.TryAdd(id, split!.Value);
            }
        }
        return splits;
    }

    private static DatasetSplit? SplitOf(string stem) =>
        stem.Equals("trainval", StringComparison.OrdinalIgnoreCase) ? DatasetSplit.Train : LayoutNames.SplitFromName(stem);
}
