using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// A chunked, resumable upload. Each chunk is stored as its own object under <see cref="PartsPrefix"/>, named by its
/// offset, and <see cref="ReceivedBytes"/> only advances after the chunk is stored: a chunk lost to a crash is simply
/// sent again. Completing checks the SHA-256 of the whole file.
/// </summary>
public sealed class Upload
{
    public const int MaxFileNameLength = 255;
    public const int MaxChunkBytes = 16 * 1024 * 1024;
    /// <summary>
    /// The largest file one upload may declare (4 TiB). Declared sizes are reserved against the quota and summed, so
    /// even a workspace without a quota must not hold sizes whose sum overflows.
    /// </summary>
    public const long MaxSize = 4L << 40;

    private Upload() { }

    public Upload(Guid workspaceId, string fileName, long size, string? expectedSha256, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        FileName = fileName;
        Size = size;
        ExpectedSha256 = expectedSha256;
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
        State = UploadState.Receiving;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string FileName { get; private set; } = "";
    public long Size { get; private set; }
    public long ReceivedBytes { get; private set; }
    public int PartCount { get; private set; }
    public string? ExpectedSha256 { get; private set; }
    public string? Sha256 { get; private set; }
    public UploadState State { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public string PartsPrefix => $"workspaces/{WorkspaceId:N}/uploads/{Id:N}/";

    public string PartKey(long offset) => $"{PartsPrefix}{offset:D15}";

    public void Receive(long offset, long length, DateTimeOffset now)
    {
        if (State != UploadState.Receiving) throw new IllegalStateChangeException("The upload is complete; it takes no more data.");
        if (offset != ReceivedBytes) throw new IllegalStateChangeException($"The upload expects offset {ReceivedBytes}, not {offset}.");
        if (offset + length > Size) throw new IllegalStateChangeException($"The chunk ends at {offset + length}, past the declared size {Size}.");
        ReceivedBytes += length;
        PartCount++;
        UpdatedAt = now;
    }

    public void Complete(string sha256, DateTimeOffset now)
    {
        if (State != UploadState.Receiving) throw new IllegalStateChangeException("The upload is already complete.");
        if (ReceivedBytes != Size) throw new IllegalStateChangeException($"The upload has {ReceivedBytes} of {Size} bytes; send the rest first.");
        if (ExpectedSha256 is not null && !string.Equals(ExpectedSha256, sha256, StringComparison.OrdinalIgnoreCase))
            throw new IllegalStateChangeException($"The file's SHA-256 is {sha256}, not the declared {ExpectedSha256}; the data was damaged on the way. Upload it again.");
        Sha256 = sha256;
        State = UploadState.Complete;
        UpdatedAt = now;
    }
}
