using Microsoft.AspNetCore.StaticFiles;

namespace Platform.Api.Tracking;

/// <summary>
/// An artifact's content type follows its file name, never the uploader's word. Only types a browser shows without
/// running anything are served as themselves; the rest are served as application/octet-stream attachments.
/// </summary>
public static class ArtifactContentTypes
{
    public const string Binary = "application/octet-stream";

    private static readonly FileExtensionContentTypeProvider Known = new();

    private static readonly HashSet<string> Safe = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/plain", "text/csv", "application/json", "image/png", "image/jpeg", "image/gif", "image/webp",
    };

    public static string Of(string path) =>
        Known.TryGetContentType(path, out var type) && type.Length <= RunArtifact.MaxContentTypeLength ? type : Binary;

    public static bool IsSafe(string contentType) => Safe.Contains(contentType);
}
