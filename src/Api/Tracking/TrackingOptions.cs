namespace Platform.Api.Tracking;

/// <summary>Settings of the tracking API (section Platform:Tracking).</summary>
public sealed class TrackingOptions
{
    public const string Section = "Platform:Tracking";

    /// <summary>Files one run may hold; a path written again replaces its file and does not count twice.</summary>
    public int MaxArtifactsPerRun { get; set; } = RunArtifact.DefaultMaxPerRun;
}
