namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// Gives each exported file a name no other file in its folder has: the later of two clashing names becomes
/// stem~2.ext, stem~3.ext... Names are compared ignoring case, so extracting on Windows or macOS loses nothing. With
/// <c>byStem</c>, a.jpg and a.png also clash, because their label or annotation files (a.txt, a.xml) would.
/// </summary>
internal sealed class NameAllocator(bool byStem)
{
    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);

    public string Allocate(string? folder, string name)
    {
        var stem = ExportPaths.Stem(name);
        var extension = ExportPaths.Extension(name);
        var candidate = name;
        for (var n = 2; !taken.Add(Key(folder, candidate)); n++)
        {
            candidate = $"{stem}~{n}{extension}";
        }

        return candidate;
    }

    private string Key(string? folder, string name) => $"{folder}/{(byStem ? ExportPaths.Stem(name) : name)}";
}
