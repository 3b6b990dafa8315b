using System.Text;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Writers;

/// <summary>Folder and file names inside an export, shared by the archive formats.</summary>
internal static class ExportPaths
{
    public static readonly DatasetSplit[] SplitOrder =
        [DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test, DatasetSplit.None];

    public static string SplitFolder(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Validation => "validation",
        DatasetSplit.Test => "test",
        _ => "unsplit",
    };

    /// <summary>The split as a CSV or JSON value: null for items without a split.</summary>
    public static string? SplitValue(DatasetSplit split) => split == DatasetSplit.None ? null : SplitFolder(split);

    public static bool HasSplits(IEnumerable<ExportItem> items) => items.Any(i => i.Split != DatasetSplit.None);

    /// <summary>The items grouped by split in train, validation, test, unsplit order, keeping their order within a split.</summary>
    public static IEnumerable<(DatasetSplit Split, List<ExportItem> Items)> BySplit(IEnumerable<ExportItem> items)
    {
        var groups = items.GroupBy(i => i.Split).ToDictionary(g => g.Key, g => g.ToList());
        return SplitOrder.Where(groups.ContainsKey).Select(s => (s, groups[s]));
    }

    /// <summary>The item's file name: the last segment of its path, made safe as one path segment.</summary>
    public static string NameOf(string path)
    {
        var slash = path.LastIndexOfAny(['/', '\\']);
        return Segment(path[(slash + 1)..], "item");
    }

    /// <summary>
    /// A value (a label, a file name) usable as one path segment: separators and control characters become '_', so a
    /// label such as "../x" cannot leave its folder when the archive is extracted.
    /// </summary>
    public static string Segment(string? value, string fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is '/' or '\\' || char.IsControl(c) ? '_' : c);
        }

        var segment = builder.ToString();
        return segment is "." or ".." ? segment.Replace('.', '_') : segment;
    }

    public static string Stem(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? name : name[..dot];
    }

    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? "" : name[dot..];
    }

    public static string Join(string? folder, string name) => string.IsNullOrEmpty(folder) ? name : $"{folder}/{name}";

    /// <summary>A dataset name reduced to [A-Za-z0-9._-] for a download's file name.</summary>
    public static string SafeFileStem(string? name)
    {
        var builder = new StringBuilder();
        foreach (var c in name ?? "")
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
            if (safe)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var stem = builder.ToString().Trim('-', '.');
        return stem.Length == 0 ? "dataset" : stem;
    }
}
