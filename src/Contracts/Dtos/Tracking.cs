namespace Platform.Contracts;

/// <summary>
/// A run logged by code that runs elsewhere, in an experiment. Params and tags are optional; a run without a name gets
/// one like <c>run-1a2b3c4d</c>.
/// </summary>
public sealed record CreateTrackedRunRequest(
    string? Name = null, IReadOnlyDictionary<string, string>? Params = null, IReadOnlyDictionary<string, string>? Tags = null,
    DateTimeOffset? StartedAt = null);

/// <summary>One value of a metric. Value may be NaN or ±Infinity (sent as "NaN", "Infinity", "-Infinity").</summary>
/// <param name="Step">0 when left out.</param>
/// <param name="Timestamp">Milliseconds since 1970; the time the server received it when left out.</param>
public sealed record MetricValueDto(string Key, double? Value, long? Step = null, long? Timestamp = null, int? Epoch = null);

/// <summary>What one request logs to a run: metric points, params (set once) and tags (overwritten).</summary>
public sealed record LogBatchRequest(
    IReadOnlyList<MetricValueDto>? Metrics = null, IReadOnlyDictionary<string, string>? Params = null,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>Ends a tracked run: Succeeded, Failed or Cancelled, with an optional message (why it failed).</summary>
public sealed record EndRunRequest(RunStatus Status, string? Message = null, DateTimeOffset? FinishedAt = null);

/// <summary>Makes a completed upload a file of the run at <see cref="Path"/> (the upload's file name when left out).</summary>
public sealed record AttachArtifactRequest(Guid UploadId, string? Path = null);

public sealed record RunArtifactDto(string Path, long Size, string ContentType, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The tracking API's limits (see docs/tracking.md).</summary>
public static class TrackingLimits
{
    public const int MaxMetricsPerBatch = 10_000;
    public const int MaxParamsPerBatch = 1_000;
    public const int MaxTagsPerBatch = 1_000;
    public const long MaxBatchBodyBytes = 8 * 1024 * 1024;
}
