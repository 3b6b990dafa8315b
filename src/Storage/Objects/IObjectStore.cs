namespace Platform.Storage.Objects;

/// <summary>
/// Blob storage by key: a local folder in embedded mode, S3/MinIO in production.
/// Keys are validated by <see cref="ObjectKey.Validate"/>; every method refuses a bad key with <see cref="InvalidObjectKeyException"/>.
/// </summary>
public interface IObjectStore
{
    /// <summary>Streams <paramref name="content"/> to the store without buffering the whole object; replaces an existing object.</summary>
    Task PutAsync(string key, Stream content, long? length = null, string? contentType = null, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="PutAsync"/>, but the bytes may still be on their way to the disk when it returns: they are durable
    /// once <see cref="SyncAsync"/> returns. For many small objects whose references are written afterwards (an
    /// import's blobs and thumbnails): one sync instead of one durable write each.
    /// </summary>
    Task PutUnsyncedAsync(string key, Stream content, long? length = null, string? contentType = null, CancellationToken ct = default) =>
        PutAsync(key, content, length, contentType, ct);

    /// <summary>Makes every object this process put with <see cref="PutUnsyncedAsync"/> durable.</summary>
    Task SyncAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Opens the object for reading; throws <see cref="ObjectNotFoundException"/> when missing.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct = default);

    /// <summary>Size and time of the object, or null when it does not exist.</summary>
    Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default);

    /// <summary>All objects whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>A time-limited URL the client can download from directly, or null when the store serves only streams (folder).</summary>
    Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan expiry, CancellationToken ct = default);

    /// <summary>Throws when the store cannot be reached or written (used by /health/ready).</summary>
    Task CheckAsync(CancellationToken ct = default);
}

public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified);

public sealed class ObjectNotFoundException(string key) : Exception($"Object '{key}' does not exist.")
{
    public string Key { get; } = key;
}

public sealed class InvalidObjectKeyException(string key, string reason) : ArgumentException($"Invalid object key '{key}': {reason}")
{
    public string Key { get; } = key;
    public string Reason { get; } = reason;
}
