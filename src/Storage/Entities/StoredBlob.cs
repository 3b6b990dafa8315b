namespace Platform.Storage.Entities;

/// <summary>A content-addressed blob of a workspace: stored once however many items and versions use it.</summary>
public sealed class StoredBlob
{
    private StoredBlob() { }

    public StoredBlob(Guid workspaceId, string sha256, long size, DateTimeOffset now)
    {
        WorkspaceId = workspaceId;
        Sha256 = sha256;
        Size = size;
        CreatedAt = now;
    }

    public Guid WorkspaceId { get; private set; }
    public string Sha256 { get; private set; } = "";
    public long Size { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static string Key(Guid workspaceId, string sha256) => $"workspaces/{workspaceId:N}/blobs/{sha256[..2]}/{sha256}";

    /// <summary>The longest side of a thumbnail; an image no larger is its own thumbnail (none is stored).</summary>
    public const int ThumbnailSide = 256;

    public static string ThumbnailKey(Guid workspaceId, string sha256) => $"workspaces/{workspaceId:N}/thumbnails/{sha256[..2]}/{sha256}.jpg";
}
