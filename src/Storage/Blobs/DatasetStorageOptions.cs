namespace Platform.Storage.Blobs;

/// <summary>Section Platform:Datasets: storage quota, retention of deleted datasets, archive and image limits.</summary>
public sealed class DatasetStorageOptions
{
    public const string Section = "Platform:Datasets";

    /// <summary>Default storage per workspace (blobs plus unfinished uploads), 0 for no limit; administrators change it per workspace.</summary>
    public long QuotaBytes { get; set; } = 100L << 30;

    /// <summary>How long a deleted dataset can be restored before it is purged.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>Unfinished or unused uploads are removed after this many days.</summary>
    public int UploadExpiryDays { get; set; } = 7;

    /// <summary>Archive safety: total expanded size, file count and compression ratio an import accepts.</summary>
    public long MaxExpandedBytes { get; set; } = 64L << 30;
    public int MaxArchiveEntries { get; set; } = 2_000_000;
    public double MaxCompressionRatio { get; set; } = 100;

    /// <summary>An image file larger than this is reported as an import problem naming the file and the limit, and is not decoded; 0 for no limit.</summary>
    public long MaxImageBytes { get; set; } = 256L << 20;

    /// <summary>
    /// Memory that the image decodes of an import worker may hold at once (decoded pixels, and whole files for formats
    /// decoded from memory), however many run in parallel; an image needing more than this is decoded alone.
    /// </summary>
    public long MaxDecodingBytes { get; set; } = 1L << 30;
}
