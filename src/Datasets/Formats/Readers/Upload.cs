using System.Text;

namespace Platform.Datasets.Formats.Readers;

/// <summary>A file of the upload under its cleaned path (junk removed, shared root folder stripped).</summary>
internal sealed record UploadFile(string Path, SourceFile Source);

/// <summary>The upload's files as the readers see them, with lookups by path and by file name.</summary>
internal sealed class Upload
{
    private static readonly string[] AnnotationExtensions = [".json", ".jsonl", ".csv", ".yaml", ".yml", ".xml", ".txt", ".names"];
    private static readonly string[] StructuralFolders = ["images", "labels", "annotations", "jpegimages", "imagesets"];

    private readonly Dictionary<string, UploadFile> byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadFile> byPathIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILookup<string, UploadFile> byName;

    public Upload(IReadOnlyList<UploadFile> files)
    {
        Files = files;
        foreach (var file in files)
        {
            byPath.TryAdd(file.Path, file);
            byPathIgnoringCase.TryAdd(file.Path, file);
        }
        byName = files.ToLookup(f => LayoutNames.FileName(f.Path), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<UploadFile> Files { get; }

    public static Upload From(IReadOnlyList<SourceFile> sources)
    {
        var files = sources
            .Select(s => new UploadFile(Normalize(s.Path), s))
            .Where(f => f.Path.Length > 0 && !IsJunk(f.Path))
            .ToList();
        while (SharedRoot(files) is { } root)
            files = files.Select(f => f with { Path = f.Path[(root.Length + 1)..] }).ToList();
        return new Upload(files);
    }

    /// <summary>The file at exactly this path, else one whose path differs only in letter case (archives made on Windows).</summary>
    public UploadFile? Find(string path) =>
        byPath.GetValueOrDefault(path) ?? byPathIgnoringCase.GetValueOrDefault(path);

    /// <summary>The only file anywhere in the upload with this file name, or null when there is none or several.</summary>
    public UploadFile? FindUniqueByName(string fileName)
    {
        var matches = byName[fileName].Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public IEnumerable<UploadFile> WithExtension(string extension) =>
        Files.Where(f => LayoutNames.HasExtension(f.Path, extension));

    /// <summary>The whole file as text: UTF-8 unless a byte-order mark says otherwise.</summary>
    public static async Task<string> ReadTextAsync(OpenSource open, UploadFile file, CancellationToken ct)
    {
        await using var stream = await open(file.Source, ct);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }

    public IEnumerable<UploadFile> Images => Files.Where(f => LayoutNames.IsImage(f.Path));

    private static string Normalize(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "."));

    private static bool IsJunk(string path)
    {
        var segments = LayoutNames.Segments(path);
        var name = segments[^1];
        return segments.Any(s => s.StartsWith('.') || s.Equals("__MACOSX", StringComparison.OrdinalIgnoreCase))
            || name.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase)
            || name.Equals("desktop.ini", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The first folder when every file sits in it, unless it carries meaning (a split or a layout folder) or stripping it
    /// would leave nothing but loose images at the root (an image-folder layout would lose its class folders).
    /// </summary>
    private static string? SharedRoot(List<UploadFile> files)
    {
        if (files.Count == 0 || files.Any(f => !f.Path.Contains('/'))) return null;
        var root = files[0].Path[..files[0].Path.IndexOf('/')];
        if (files.Any(f => !f.Path.StartsWith(root + "/", StringComparison.Ordinal))) return null;
        if (LayoutNames.IsSplitName(root) || StructuralFolders.Contains(root, StringComparer.OrdinalIgnoreCase)) return null;
        var rest = files.Select(f => f.Path[(root.Length + 1)..]).ToList();
        var keepsStructure = rest.Any(p => p.Contains('/'))
            || rest.Any(p => AnnotationExtensions.Any(e => LayoutNames.HasExtension(p, e)));
        return keepsStructure ? root : null;
    }
}
