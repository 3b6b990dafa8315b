using System.Text;

namespace Platform.Datasets.Archives;

/// <summary>Checks the names of archive entries, which come from the uploader and may try to escape a folder.</summary>
public static class SafeNames
{
    /// <summary>Null when the name is safe to use as a relative path, otherwise why not (for the user).</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the name is empty";
        }

        if (path.Any(char.IsControl))
        {
            return "the name contains control characters";
        }

        var normalized = path.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length >= 2 && char.IsAsciiLetter(normalized[0]) && normalized[1] == ':'))
        {
            return "the name is an absolute path";
        }

        if (normalized.Split('/').Contains(".."))
        {
            return "the name uses '..' to reach outside the archive";
        }

        return Normalize(path).Length == 0 ? "the name is empty" : null;
    }

    /// <summary>The normalized path of an entry, or a rejection saying why the name is unsafe.</summary>
    internal static string Checked(string name) =>
        Problem(name) is { } problem ? throw ArchiveRejectedException.At(name, problem) : Normalize(name);

    /// <summary>'/'-separated, without "." or empty segments: "./a\\b.txt" becomes "a/b.txt".</summary>
    public static string Normalize(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Where(s => s is not ("" or ".")));

    /// <summary>The name as shown in a message, with control characters made visible.</summary>
    public static string Display(string path)
    {
        var shown = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return shown.ToString();
    }
}
