using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>File and folder names that every layout shares: image extensions, split folders, path pieces.</summary>
internal static class LayoutNames
{
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];

    public static bool IsImage(string path) =>
        ImageExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static bool HasExtension(string path, string extension) =>
        path.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>A split folder name: train, val/valid/validation, test, or unsplit (no split).</summary>
    public static DatasetSplit? SplitFromName(string name) => name.ToLowerInvariant() switch
    {
        "train" => DatasetSplit.Train,
        "val" or "valid" or "validation" => DatasetSplit.Validation,
        "test" => DatasetSplit.Test,
        "unsplit" => DatasetSplit.None,
        _ => null,
    };

    /// <summary>A split column's value: a split folder name, or none/empty for no split; null when it names no split.</summary>
    public static DatasetSplit? SplitFromValue(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
            ? DatasetSplit.None
            : SplitFromName(value.Trim());

    public static bool IsSplitName(string name) => SplitFromName(name) is not null;

    public static string[] Segments(string path) => path.Split('/');

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Folder(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";

    public static string Stem(string path)
    {
        var name = FileName(path);
        return name.LastIndexOf('.') is var i and > 0 ? name[..i] : name;
    }

    public static string WithoutExtension(string path) => Combine(Folder(path), Stem(path));

    public static string Combine(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";

    public static DatasetKind KindOf(DatasetFormat format) => format switch
    {
        DatasetFormat.ImageFolders => DatasetKind.ImageClassification,
        DatasetFormat.Coco or DatasetFormat.Yolo or DatasetFormat.PascalVoc => DatasetKind.ObjectDetection,
        DatasetFormat.CsvTable => DatasetKind.Table,
        _ => DatasetKind.TextClassification,
    };
}
