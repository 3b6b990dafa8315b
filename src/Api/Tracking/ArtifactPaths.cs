using System.Text;
using Platform.Storage.Objects;

namespace Platform.Api.Tracking;

/// <summary>
/// The path of a run's file comes from its client and becomes part of an object key (a file path in the folder store),
/// so it must stay inside the run's prefix: relative, '/'-separated, no '.' or '..' parts, bounded in length and depth.
/// </summary>
public static class ArtifactPaths
{
    public const int MaxBytes = RunArtifact.MaxPathLength;
    public const int MaxDepth = 16;
    /// <summary>A file name on common file systems.</summary>
    public const int MaxPartBytes = 255;

    /// <summary>Why the path is refused, for a person; null when it is fine.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "The path is required, like plots/loss.png.";
        if (Encoding.UTF8.GetByteCount(path) is var bytes and > MaxBytes) return $"The path is {bytes:N0} bytes long in UTF-8; the limit is {MaxBytes}.";
        if (path.Any(char.IsControl)) return "The path must not contain control characters.";
        if (path.Contains('\\')) return "Separate folders with '/', not '\\'.";
        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
            return "The path must be relative to the run, without a leading '/' or a drive letter.";
        var parts = path.Split('/');
        if (parts.Length > MaxDepth) return $"The path is {parts.Length} levels deep; the limit is {MaxDepth}.";
        foreach (var part in parts)
        {
            if (part.Length == 0) return "The path has an empty part ('//', or a '/' at the end).";
            if (part is "." or "..") return "The path must not contain '.' or '..' parts.";
            if (Encoding.UTF8.GetByteCount(part) > MaxPartBytes) return $"A part of the path is longer than {MaxPartBytes} bytes.";
        }
        try
        {
            ObjectKey.Validate(RunArtifact.KeyOf(Guid.Empty, Guid.Empty, path));
            return null;
        }
        catch (InvalidObjectKeyException ex)
        {
            return $"The path cannot be stored: {ex.Reason}.";
        }
    }

    /// <summary>The folders the path lies in: <c>a/b/c.txt</c> lies in <c>a</c> and <c>a/b</c>.</summary>
    public static List<string> Folders(string path)
    {
        var folders = new List<string>();
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1)) folders.Add(path[..slash]);
        return folders;
    }

    /// <summary>The last part, for a download's file name.</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
