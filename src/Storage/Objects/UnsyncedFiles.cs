using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Platform.Storage.Objects;

/// <summary>
/// Files written without waiting for the disk, made durable together: on Linux one syncfs(2) flushes the whole file
/// system (the files and the renames that put them in place) in a single call; elsewhere each file is flushed.
/// </summary>
internal sealed class UnsyncedFiles
{
    private readonly ConcurrentQueue<string> paths = new();

    public void Add(string path) => paths.Enqueue(path);

    public void Sync(string folderOnTheFileSystem)
    {
        if (paths.IsEmpty) return;
        var taken = new List<string>();
        while (paths.TryDequeue(out var path)) taken.Add(path);
        if (OperatingSystem.IsLinux() && TrySyncFileSystem(folderOnTheFileSystem)) return;
        Parallel.ForEach(taken, path =>
        {
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                file.Flush(flushToDisk: true);
            }
            catch (FileNotFoundException) { } // replaced or deleted since: nothing of this write is left to keep
        });
    }

    private static bool TrySyncFileSystem(string folder)
    {
        Directory.CreateDirectory(folder);
        var marker = Path.Combine(folder, ".sync");
        using var handle = File.OpenHandle(marker, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var success = false;
        handle.DangerousAddRef(ref success);
        try { return syncfs((int)handle.DangerousGetHandle()) == 0; }
        finally { if (success) handle.DangerousRelease(); }
    }

    // DllImport rather than LibraryImport, which would need unsafe code in this project for one int call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int fd);
#pragma warning restore SYSLIB1054
}
