namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// The labels a VOC dataset declares in labelmap.txt (as Datumaro and CVAT write it: "# label:color_rgb:parts:actions",
/// then one "name:r,g,b::" line a label), or null when the upload has none.
/// </summary>
internal static class VocLabelMap
{
    public static async Task<List<string>?> ReadAsync(Upload upload, OpenSource open, CancellationToken ct)
    {
        var file = upload.Files.Where(f => LayoutNames.FileName(f.Path).Equals("labelmap.txt", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Path.Length).FirstOrDefault();
        if (file is null) return null;
        var text = await Upload.ReadTextAsync(open, file, ct);
        return text.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':')[0].Trim())
            .Where(name => name.Length > 0 && !name.Equals("background", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal).ToList();
    }
}
