using Platform.Api.Tracking;

namespace Platform.Api.Mlflow;

/// <summary>
/// Checks metrics, params and tags of one run against MLflow's limits, with MLflow's messages, then hands them to the
/// <see cref="RunBatchWriter"/> that the tracking API uses too: a refused request leaves nothing behind.
/// </summary>
public sealed class MlflowBatchWriter(PlatformDb db, ResourceEvents events)
{
    public async Task WriteAsync(Run run, IReadOnlyList<MlflowMetric> metrics, IReadOnlyList<MlflowParam> parameters, IReadOnlyList<MlflowTag> tags, CancellationToken ct)
    {
        if (metrics.Count > MlflowLimits.MaxMetricsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxMetricsPerBatch} metrics. Got {metrics.Count} metrics.");
        if (parameters.Count > MlflowLimits.MaxParamsTagsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxParamsTagsPerBatch} params. Got {parameters.Count} params.");
        if (tags.Count > MlflowLimits.MaxParamsTagsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxParamsTagsPerBatch} tags. Got {tags.Count} tags.");
        var total = metrics.Count + parameters.Count + tags.Count;
        if (total > MlflowLimits.MaxEntitiesPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {MlflowLimits.MaxEntitiesPerBatch} metrics, params and tags in total. Got {total}.");

        var points = metrics.Select(m => Point(run.Id, m)).ToList();
        var newParams = Params(parameters);
        var newTags = tags.Select(t => (Key: MlflowLimits.Key(t.Key, "Tag"), t.Value))
            .Select(t => (t.Key, Value: MlflowLimits.Value(t.Value, MlflowLimits.MaxTagValueLength, "Tag", t.Key)))
            .GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        try
        {
            await new RunBatchWriter(db, events).WriteAsync(run, new RunBatch(points, newParams, newTags), ct);
        }
        catch (ParamChangedException ex)
        {
            throw MlflowException.InvalidParameter(
                $"Changing param values is not allowed. Param with key='{ex.Key}' was already logged with value='{ex.OldValue}' for run ID='{MlflowIds.Format(run.Id)}'. Attempted logging new value '{ex.NewValue}'.");
        }
    }

    private static RunMetric Point(Guid runId, MlflowMetric m)
    {
        var key = MlflowLimits.Key(m.Key, "Metric");
        if (m.Value is not { } value) throw MlflowException.InvalidParameter($"Got invalid value None for metric '{key}' (timestamp={m.Timestamp}). Please specify value as a valid double (64-bit floating point).");
        if (m.Timestamp is not { } timestamp) throw MlflowException.Missing("timestamp");
        if (timestamp < 0) throw MlflowException.InvalidParameter($"Metric '{key}' has an invalid timestamp {timestamp}: milliseconds since 1970 expected.");
        return new RunMetric(runId, key, m.Step ?? 0, null, value, timestamp);
    }

    /// <summary>The same key twice in one request must carry the same value, as in MLflow.</summary>
    private static Dictionary<string, string> Params(IReadOnlyList<MlflowParam> parameters)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var key = MlflowLimits.Key(p.Key, "Param");
            var value = MlflowLimits.Value(p.Value, MlflowLimits.MaxParamValueLength, "Param", key);
            if (wanted.TryGetValue(key, out var earlier) && earlier != value)
                throw MlflowException.InvalidParameter($"Duplicate parameter keys have been submitted: '{key}' with different values.");
            wanted[key] = value;
        }
        return wanted;
    }
}
