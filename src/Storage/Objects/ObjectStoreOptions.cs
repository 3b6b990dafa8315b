namespace Platform.Storage.Objects;

/// <summary>Configuration section <c>Platform:ObjectStore</c>.</summary>
public sealed record ObjectStoreOptions
{
    public const string SectionName = "Platform:ObjectStore";
    public const string FolderKind = "folder";
    public const string S3Kind = "s3";

    /// <summary><c>folder</c> (default, embedded mode) or <c>s3</c> (S3, MinIO).</summary>
    public string Kind { get; init; } = FolderKind;

    /// <summary>Root of the folder store; relative paths are resolved against the content root.</summary>
    public string Folder { get; init; } = "./data/objects";

    public S3ObjectStoreOptions S3 { get; init; } = new();

    internal bool IsFolder => string.Equals(Kind, FolderKind, StringComparison.OrdinalIgnoreCase);
    internal bool IsS3 => string.Equals(Kind, S3Kind, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Configuration section <c>Platform:ObjectStore:S3</c>.</summary>
public sealed record S3ObjectStoreOptions
{
    /// <summary><c>http(s)://host:port</c>, or <c>host:port</c> with <see cref="UseSsl"/> choosing the scheme.</summary>
    public string Endpoint { get; init; } = "";
    public string AccessKey { get; init; } = "";
    public string SecretKey { get; init; } = "";
    public string Bucket { get; init; } = "platform";
    public bool UseSsl { get; init; }

    /// <summary>Optional; MinIO and s3rver ignore it.</summary>
    public string? Region { get; init; }
}
