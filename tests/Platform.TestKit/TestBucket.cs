namespace Platform.TestKit;

/// <summary>
/// A bucket name no other test uses, on the test s3rver. The store creates the bucket on first use, so
/// nothing is created here; s3rver's data folder is thrown away by .ci/stop-services.sh.
/// </summary>
public sealed record TestBucket(Uri Endpoint, string AccessKey, string SecretKey, string Name)
{
    public static TestBucket New() =>
        new(TestServices.S3Endpoint, TestServices.S3AccessKey, TestServices.S3SecretKey, $"test-{Guid.NewGuid():N}");

    /// <summary>Configuration that points the Server's object store at this bucket.</summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration(string section = "Platform:ObjectStore") => new Dictionary<string, string?>
    {
        [$"{section}:Kind"] = "s3",
        [$"{section}:S3:Endpoint"] = Endpoint.ToString(),
        [$"{section}:S3:AccessKey"] = AccessKey,
        [$"{section}:S3:SecretKey"] = SecretKey,
        [$"{section}:S3:Bucket"] = Name,
    };
}
