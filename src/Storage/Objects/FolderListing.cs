namespace Platform.Storage.Objects;

/// <summary>Walks an object folder depth-first so that objects come out in ordinal key order, streaming.</summary>
internal static class FolderListing
{
    public static IEnumerable<ObjectInfo> Walk(string folder, string folderKey, string prefix, CancellationToken ct)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
            yield break;

        // A folder sorts as "name/", which places it exactly where its keys belong among its siblings
        // ("a.txt" < "a/x" because '.' < '/').
        var entries = directory.EnumerateFileSystemInfos()
            .Select(entry => (Entry: entry, Key: folderKey + entry.Name + (entry is DirectoryInfo ? "/" : "")))
            .Where(e => !(folderKey.Length == 0 && e.Key == FolderObjectStore.StagingFolder + "/"))
            .Where(e => e.Entry is DirectoryInfo ? Overlaps(e.Key, prefix) : e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

        foreach (var (entry, key) in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (entry is DirectoryInfo)
            {
                foreach (var info in Walk(entry.FullName, key, prefix, ct))
                    yield return info;
            }
            else if (entry is FileInfo file && Stat(file) is { } stat)
            {
                yield return new ObjectInfo(key, stat.Length, stat.LastWriteTimeUtc);
            }
        }
    }

    private static bool Overlaps(string folderKey, string prefix) =>
        folderKey.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(folderKey, StringComparison.Ordinal);

    // The file may be deleted between enumeration and now; a deleted object is simply not listed.
    private static (long Length, DateTime LastWriteTimeUtc)? Stat(FileInfo file)
    {
        try
        {
            file.Refresh();
            return file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
