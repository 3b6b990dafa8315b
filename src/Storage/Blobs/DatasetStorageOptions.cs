namespace Platform.Storage.Blobs;

/// <summary>Section Platform:Datasets: storage quota, retention of deleted datasets, archive limits.</summary>
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
}
