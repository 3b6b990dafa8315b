using System.Diagnostics.Metrics;

namespace Platform.Serving;

/// <summary>
/// The serving role's Prometheus metrics (GET /metrics, administrators only): requests by endpoint and outcome, their
/// duration, and the instances waiting for a batch.
/// </summary>
public sealed class ServingMetrics
{
    public const string MeterName = "Platform.Serving";
    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;

    public ServingMetrics(IMeterFactory meters, ModelHost host)
    {
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("platform.serving.requests", description: "Predict requests answered, by endpoint and outcome.");
        duration = meter.CreateHistogram<double>("platform.serving.request.duration", unit: "s", description: "Time from a predict request's arrival to its answer.");
        meter.CreateObservableGauge("platform.serving.queued", () => host.All.Select(m => new Measurement<int>(m.Batcher.Queued, Tags(m, null))),
            description: "Instances waiting for a batch.");
    }

    public void Record(ServedModel model, string? failure, double milliseconds)
    {
        var tags = Tags(model, failure ?? "ok");
        requests.Add(1, tags);
        duration.Record(milliseconds / 1000, tags);
    }

    private static KeyValuePair<string, object?>[] Tags(ServedModel model, string? outcome) => outcome is null
        ? [new("workspace", model.WorkspaceId.ToString()), new("endpoint", model.EndpointName)]
        : [new("workspace", model.WorkspaceId.ToString()), new("endpoint", model.EndpointName), new("outcome", outcome)];
}
