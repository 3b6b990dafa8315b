namespace Platform.Serving;

/// <summary>
/// Counts what each endpoint answers in this process, by minute: requests, failures by kind, latency buckets and the
/// predicted labels. <see cref="EndpointMonitorFlusher"/> writes the counts to the database every few seconds.
/// </summary>
public sealed class EndpointMonitor
{
    public const string InvalidInput = "invalid-input";
    public const string Busy = "busy";
    public const string Error = "error";

    private readonly Lock gate = new();
    private readonly Dictionary<(Guid Endpoint, DateTimeOffset Minute), MinuteTally> tallies = [];
    private readonly TimeProvider clock;
    private readonly ServingMetrics metrics;

    public EndpointMonitor(TimeProvider clock, ServingMetrics metrics)
    {
        this.clock = clock;
        this.metrics = metrics;
    }

    public static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public void Record(ServedModel model, string? failure, double milliseconds, IEnumerable<string?> labels)
    {
        metrics.Record(model, failure, milliseconds);
        var minute = MinuteOf(clock.GetUtcNow());
        lock (gate)
        {
            if (!tallies.TryGetValue((model.EndpointId, minute), out var tally))
                tallies[(model.EndpointId, minute)] = tally = new MinuteTally(model.EndpointId, model.WorkspaceId, minute);
            tally.Add(failure, milliseconds, labels);
        }
    }

    /// <summary>Copies of the tallies that changed since the last call; finished minutes already taken are forgotten.</summary>
    public IReadOnlyList<MinuteTally> TakeChanged()
    {
        var current = MinuteOf(clock.GetUtcNow());
        lock (gate)
        {
            var changed = tallies.Values.Where(t => t.Changed).Select(t => t.CopyAndMarkSaved()).ToList();
            foreach (var key in tallies.Where(t => !t.Value.Changed && t.Key.Minute < current).Select(t => t.Key).ToList()) tallies.Remove(key);
            return changed;
        }
    }
}

/// <summary>One endpoint's counts for one minute in this process.</summary>
public sealed class MinuteTally(Guid endpointId, Guid workspaceId, DateTimeOffset minute)
{
    public Guid EndpointId => endpointId;
    public Guid WorkspaceId => workspaceId;
    public DateTimeOffset Minute => minute;
    public long Requests { get; private set; }
    public long Failures { get; private set; }
    public Dictionary<string, long> FailuresByKind { get; private init; } = [];
    public Dictionary<int, long> Latency { get; private init; } = [];
    public Dictionary<string, long> Labels { get; private init; } = [];
    public bool Changed { get; private set; }

    public void Add(string? failure, double milliseconds, IEnumerable<string?> labels)
    {
        Requests++;
        Changed = true;
        var bucket = Platform.Storage.Serving.LatencyHistogram.BucketOf(milliseconds);
        Latency[bucket] = Latency.GetValueOrDefault(bucket) + 1;
        if (failure is not null)
        {
            Failures++;
            FailuresByKind[failure] = FailuresByKind.GetValueOrDefault(failure) + 1;
        }
        foreach (var label in labels)
            if (label is not null) Labels[label] = Labels.GetValueOrDefault(label) + 1;
    }

    public MinuteTally CopyAndMarkSaved()
    {
        Changed = false;
        return new MinuteTally(endpointId, workspaceId, minute)
        {
            Requests = Requests, Failures = Failures, FailuresByKind = new(FailuresByKind), Latency = new(Latency), Labels = new(Labels),
        };
    }
}
