using System.IO.Compression;
using Platform.Ml;

namespace Platform.Bench;

/// <summary>Loads an image folder or a zip of one: one sub-folder per class, the folder name is the label.</summary>
internal static class ImageFolderSource
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    public static List<MlItem> Load(string path, MlSplit split)
    {
        if (Directory.Exists(path))
        {
            return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal)
                .Select(f => new MlItem(Path.GetRelativePath(path, f), () => File.OpenRead(f), Path.GetFileName(Path.GetDirectoryName(f))!, split))];
        }

        // Zip entries are read into memory once: a ZipArchive cannot be read from several threads.
        using var zip = ZipFile.OpenRead(path);
        var items = new List<MlItem>();
        foreach (var entry in zip.Entries.Where(e => Extensions.Contains(Path.GetExtension(e.FullName))).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var parts = entry.FullName.Replace('\\', '/').Split('/');
            if (parts.Length < 2)
            {
                continue;
            }

            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            items.Add(new MlItem(entry.FullName, () => new MemoryStream(bytes, writable: false), parts[^2], split));
        }

        return items;
    }
}
