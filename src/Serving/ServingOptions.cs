namespace Platform.Serving;

/// <summary>Configuration section "Platform:Serving": limits of the predict route and how often endpoints are re-read.</summary>
public sealed class ServingOptions
{
    public const string Section = "Platform:Serving";

    /// <summary>Instances one endpoint may hold waiting for a batch; more are refused with 503 and Retry-After.</summary>
    public int MaxQueuedInstances { get; set; } = 4096;
    public int MaxInstancesPerRequest { get; set; } = 256;
    public long MaxRequestBytes { get; set; } = 32 * 1024 * 1024;
    public int MaxImageBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxTextCharacters { get; set; } = 100_000;
    /// <summary>Endpoint changes arrive as events; this re-read catches any that were missed.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);
}
