namespace Platform.Api.Mlflow;

/// <summary>Our entities in MLflow's words: status names, lifecycle stages, times in milliseconds, artifact URIs.</summary>
public static class MlflowMapping
{
    public const string Active = "active";
    public const string Deleted = "deleted";
    public const string RunNameTag = "mlflow.runName";

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Queued => "SCHEDULED",
        RunStatus.Running => "RUNNING",
        RunStatus.Succeeded => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Cancelled => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static RunStatus? ParseStatus(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "SCHEDULED" => RunStatus.Queued,
        "RUNNING" => RunStatus.Running,
        "FINISHED" => RunStatus.Succeeded,
        "FAILED" => RunStatus.Failed,
        "KILLED" => RunStatus.Cancelled,
        _ => null,
    };

    public static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long ms, string field) =>
        ms is >= 0 and <= 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : throw MlflowException.InvalidParameter($"Invalid value {ms} for parameter '{field}': milliseconds since 1970 expected.");

    public static string ArtifactLocation(Guid experimentId) => $"mlflow-artifacts:/{MlflowIds.Format(experimentId)}";

    public static string ArtifactUri(Run run) => $"{ArtifactLocation(run.ExperimentId)}/{MlflowIds.Format(run.Id)}/artifacts";

    public static ExperimentJson ToJson(this Experiment e) => new(
        MlflowIds.Format(e.Id), e.Name, ArtifactLocation(e.Id), e.IsDeleted ? Deleted : Active, Millis(e.UpdatedAt), Millis(e.CreatedAt));

    public static RunInfoJson ToInfo(this Run r, string? userEmail) => new(
        MlflowIds.Format(r.Id), MlflowIds.Format(r.Id), r.Name, MlflowIds.Format(r.ExperimentId), userEmail ?? "", Status(r.Status),
        r.StartedAt is { } start ? Millis(start) : null, r.FinishedAt is { } end ? Millis(end) : null, ArtifactUri(r),
        r.IsDeleted ? Deleted : Active);

    public static List<T>? NullIfEmpty<T>(this List<T> list) => list.Count == 0 ? null : list;
}
