namespace Platform.Storage.Entities;

/// <summary>
/// What one serving process saw of one endpoint in one minute: requests, failures by kind, a latency histogram
/// (<see cref="Platform.Storage.Serving.LatencyHistogram"/>) and the predicted labels. Processes write their own rows; readers add them up.
/// </summary>
public sealed class EndpointMinute
{
    public const int MaxProcessLength = 128;
    /// <summary>Rows older than this are deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private EndpointMinute() { }

    public EndpointMinute(Guid endpointId, Guid workspaceId, DateTimeOffset minute, string process)
    {
        Id = Guid.CreateVersion7();
        EndpointId = endpointId;
        WorkspaceId = workspaceId;
        Minute = minute;
        Process = process;
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public DateTimeOffset Minute { get; private set; }
    public string Process { get; private set; } = "";
    public long Requests { get; private set; }
    public long Failures { get; private set; }
    /// <summary>JSON objects: failure kind → count, histogram bucket → count, predicted label → count.</summary>
    public string FailuresJson { get; private set; } = "{}";
    public string LatencyJson { get; private set; } = "{}";
    public string LabelsJson { get; private set; } = "{}";

    public void Record(long requests, long failures, string failuresJson, string latencyJson, string labelsJson)
    {
        Requests = requests;
        Failures = failures;
        FailuresJson = failuresJson;
        LatencyJson = latencyJson;
        LabelsJson = labelsJson;
    }
}
