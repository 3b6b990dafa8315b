namespace Platform.Datasets.Archives;

/// <summary>
/// What an uploaded archive may expand to. The compression ratio is the bytes expanded so far over the archive's size,
/// checked once more than 1 MiB has been expanded.
/// </summary>
public sealed record ArchiveLimits(
    long MaxExpandedBytes = 64L << 30,
    int MaxEntries = 2_000_000,
    double MaxCompressionRatio = 100,
    long MaxEntryBytes = 4L << 30);

/// <summary>The archive is unsafe or broken; the message says which entry and why, for the user.</summary>
public sealed class ArchiveRejectedException(string message) : Exception(message)
{
    internal static ArchiveRejectedException At(string entry, string reason) =>
        new($"The archive was refused at \"{SafeNames.Display(entry)}\": {reason}.");
}
