using System.Globalization;

namespace Platform.Datasets.Archives;

/// <summary>Counts the files and bytes actually expanded from an archive and stops at the first limit passed.</summary>
internal sealed class ExpansionBudget(ArchiveLimits limits, Func<long> archiveBytes)
{
    private const long RatioFloor = 1L << 20;

    private long expanded;
    private int entries;

    public void CountEntry(string name)
    {
        if (++entries > limits.MaxEntries)
        {
            throw ArchiveRejectedException.At(name, $"the archive holds more than {limits.MaxEntries.ToString("N0", CultureInfo.InvariantCulture)} files");
        }
    }

    public void CountBytes(string name, long entryBytes, int read)
    {
        expanded += read;
        if (entryBytes > limits.MaxEntryBytes)
        {
            throw ArchiveRejectedException.At(name, $"the file is larger than {Size(limits.MaxEntryBytes)}");
        }

        if (expanded > limits.MaxExpandedBytes)
        {
            throw ArchiveRejectedException.At(name, $"the archive expands to more than {Size(limits.MaxExpandedBytes)}");
        }

        if (expanded > RatioFloor && expanded > archiveBytes() * limits.MaxCompressionRatio)
        {
            throw ArchiveRejectedException.At(name, string.Create(CultureInfo.InvariantCulture,
                $"the archive expands more than {limits.MaxCompressionRatio:0.#} times its size, like a zip bomb"));
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
