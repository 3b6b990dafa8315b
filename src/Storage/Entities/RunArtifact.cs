namespace Platform.Storage.Entities;

/// <summary>
/// A file of a run, stored in the object store under <see cref="Key"/>. A run has one file per path: writing a path
/// again replaces its file (a unique index on run and path keeps concurrent writers to one row).
/// </summary>
public sealed class RunArtifact
{
    /// <summary>Characters (and UTF-8 bytes): with the run's prefix, a key stays under the object store's 1,024 bytes.</summary>
    public const int MaxPathLength = 512;
    public const int MaxContentTypeLength = 128;
    public const int DefaultMaxPerRun = 10_000;

    private RunArtifact() { }

    public RunArtifact(Guid workspaceId, Guid runId, string path, long size, string contentType, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        RunId = runId;
        Path = path;
        Size = size;
        ContentType = contentType;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid RunId { get; private set; }
    /// <summary>Relative, '/'-separated: <c>plots/loss.png</c>.</summary>
    public string Path { get; private set; } = "";
    public long Size { get; private set; }
    public string ContentType { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public string Key => KeyOf(WorkspaceId, RunId, Path);

    public static string Prefix(Guid workspaceId, Guid runId) => $"workspaces/{workspaceId:N}/runs/{runId:N}/artifacts/";

    public static string KeyOf(Guid workspaceId, Guid runId, string path) => Prefix(workspaceId, runId) + path;

    /// <summary>The path was written again: its file is the new one.</summary>
    public void Replace(long size, string contentType, DateTimeOffset now)
    {
        Size = size;
        ContentType = contentType;
        UpdatedAt = now;
    }
}
