namespace Platform.Storage.Blobs;

public static class TempFile
{
    /// <summary>A read/write temporary file that deletes itself when disposed.</summary>
    public static FileStream Create() => new(
        Path.Combine(Path.GetTempPath(), "platform-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
        FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
