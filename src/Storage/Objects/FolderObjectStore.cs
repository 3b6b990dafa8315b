namespace Platform.Storage.Objects;

/// <summary>
/// Objects as files under a root folder: key <c>a/b/c.png</c> is the file <c>{root}/a/b/c.png</c>.
/// A put writes a temp file under <c>{root}/.staging</c> and renames it into place, so a reader sees the old
/// object or the new one, never half of one. Unlike S3, a key cannot also be a folder of other keys
/// (<c>a</c> and <c>a/b</c> cannot both exist); such a put is refused with <see cref="InvalidObjectKeyException"/>.
/// </summary>
public sealed class FolderObjectStore(string root) : IObjectStore
{
    /// <summary>Top-level folder for temp files; keys whose first segment is this name are refused.</summary>
    public const string StagingFolder = ".staging";

    private const int BufferSize = 81920;

    private readonly string rootPath = Path.GetFullPath(root);
    private readonly UnsyncedFiles unsynced = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> knownFolders = new(StringComparer.Ordinal);

    public string Root => rootPath;

    public Task PutAsync(string key, Stream content, long? length = null, string? contentType = null, CancellationToken ct = default) =>
        PutAsync(key, content, length, durable: true, ct);

    public Task PutUnsyncedAsync(string key, Stream content, long? length = null, string? contentType = null, CancellationToken ct = default) =>
        PutAsync(key, content, length, durable: false, ct);

    /// <summary>One syncfs of the store's file system on Linux (every file written since, in one call); elsewhere each file.</summary>
    public Task SyncAsync(CancellationToken ct = default) => Task.Run(() => unsynced.Sync(StagingPath), ct);

    private async Task PutAsync(string key, Stream content, long? length, bool durable, CancellationToken ct)
    {
        var path = PathOf(key);
        var temp = Path.Combine(StagingPath, $"{Guid.NewGuid():N}.partial");
        EnsureFolder(StagingPath);
        var moved = false;
        try
        {
            // Content already in memory is written synchronously: an asynchronous file on Linux only adds a thread hop.
            var options = content is MemoryStream ? FileOptions.None : FileOptions.Asynchronous;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, options))
            {
                await content.CopyToAsync(file, BufferSize, ct);
                if (length is { } expected && file.Length != expected)
                    throw new InvalidDataException($"Object '{key}': expected {expected} bytes but the stream held {file.Length}.");
                // The rename must not become visible before the bytes are durable (or before a sync, for an unsynced put).
                if (durable) file.Flush(flushToDisk: true);
            }
            MoveIntoPlace(key, temp, path);
            if (!durable) unsynced.Add(path);
            moved = true;
        }
        finally
        {
            if (!moved)
                TryDeleteFile(temp);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        try
        {
            // FileShare.Delete: an object may be replaced or deleted while someone still reads the old bytes.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
                                  || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw new ObjectNotFoundException(key);
        }
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new ObjectInfo(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        // Start in the deepest folder the prefix names rather than walking the whole tree.
        var folderKey = prefix[..(prefix.LastIndexOf('/') + 1)];
        var folder = folderKey.Length == 0 ? rootPath : Path.Combine(rootPath, ToRelativePath(folderKey.TrimEnd('/')));
        return FolderListing.Walk(folder, folderKey, prefix, ct).ToAsyncEnumerable();
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask;
        }
        RemoveEmptyFolders(Path.GetDirectoryName(path)!);
        return Task.CompletedTask;
    }

    public Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan expiry, CancellationToken ct = default)
    {
        PathOf(key);
        return Task.FromResult<Uri?>(null);
    }

    public async Task CheckAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(StagingPath);
        var probe = Path.Combine(StagingPath, $"probe-{Guid.NewGuid():N}");
        var payload = Guid.NewGuid().ToByteArray();
        try
        {
            await File.WriteAllBytesAsync(probe, payload, ct);
            var read = await File.ReadAllBytesAsync(probe, ct);
            if (!read.AsSpan().SequenceEqual(payload))
                throw new IOException($"The object folder {rootPath} returned different bytes than were written.");
        }
        finally
        {
            TryDeleteFile(probe);
        }
    }

    private string StagingPath => Path.Combine(rootPath, StagingFolder);

    /// <summary>Creates the folder unless this store made it before: a put of many small objects skips a syscall each.</summary>
    private void EnsureFolder(string folder)
    {
        if (knownFolders.ContainsKey(folder)) return;
        Directory.CreateDirectory(folder);
        if (knownFolders.Count < 100_000) knownFolders.TryAdd(folder, true);
    }

    private string PathOf(string key)
    {
        ObjectKey.Validate(key);
        if (key == StagingFolder || key.StartsWith(StagingFolder + "/", StringComparison.Ordinal))
            throw new InvalidObjectKeyException(key, $"'{StagingFolder}/' is reserved by the folder store");
        var path = Path.GetFullPath(Path.Combine(rootPath, ToRelativePath(key)));
        // ObjectKey.Validate already refuses traversal; this guards against anything it might miss.
        if (!path.StartsWith(rootPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidObjectKeyException(key, "it resolves outside the object folder");
        return path;
    }

    private static string ToRelativePath(string key) => key.Replace('/', Path.DirectorySeparatorChar);

    private void MoveIntoPlace(string key, string temp, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt == 1) EnsureFolder(Path.GetDirectoryName(path)!);
                else Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
                // A concurrent delete removed the parent folder after it emptied (or the staging folder is gone); create it again.
                knownFolders.Clear();
            }
            catch (IOException) when (ConflictOf(key, path) is { } conflict)
            {
                throw new InvalidObjectKeyException(key, conflict);
            }
        }
    }

    private string? ConflictOf(string key, string path)
    {
        if (Directory.Exists(path))
            return $"the folder store already holds objects under '{key}/', so '{key}' cannot be an object too";
        var segments = key.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var parent = string.Join('/', segments[..i]);
            if (File.Exists(Path.Combine(rootPath, ToRelativePath(parent))))
                return $"the folder store already holds the object '{parent}', so it cannot also be a folder";
        }
        return null;
    }

    private void RemoveEmptyFolders(string folder)
    {
        while (folder.Length > rootPath.Length && folder.StartsWith(rootPath, StringComparison.Ordinal))
        {
            try
            {
                Directory.Delete(folder);
                knownFolders.TryRemove(folder, out _);
            }
            catch (IOException)
            {
                return; // not empty (or already gone): stop climbing
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
