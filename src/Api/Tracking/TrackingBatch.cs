namespace Platform.Api.Tracking;

/// <summary>
/// Checks what the tracking API is asked to log, completely, before anything is written: counts, keys, values and
/// times. Messages name the field (<c>metrics[12].key</c>); after <see cref="MaxMessages"/> of them it stops looking.
/// </summary>
public static class TrackingBatch
{
    public const int MaxMessages = 20;

    /// <summary>The batch to write, or null with the reasons in <paramref name="validation"/>.</summary>
    public static RunBatch? Read(Guid runId, IReadOnlyList<MetricValueDto?>? metrics, IReadOnlyDictionary<string, string>? parameters,
        IReadOnlyDictionary<string, string>? tags, DateTimeOffset now, Validation validation)
    {
        metrics ??= [];
        parameters ??= new Dictionary<string, string>();
        tags ??= new Dictionary<string, string>();
        Count(validation, "metrics", "metric points", metrics.Count, TrackingLimits.MaxMetricsPerBatch);
        Count(validation, "params", "params", parameters.Count, TrackingLimits.MaxParamsPerBatch);
        Count(validation, "tags", "tags", tags.Count, TrackingLimits.MaxTagsPerBatch);
        if (!validation.IsValid) return null;

        var messages = 0;
        void Refuse(string field, string message)
        {
            validation.Add(field, message);
            messages++;
        }
        var points = new List<RunMetric>(metrics.Count);
        var nowMillis = now.ToUnixTimeMilliseconds();
        for (var i = 0; i < metrics.Count && messages < MaxMessages; i++)
        {
            var m = metrics[i];
            var field = $"metrics[{i}]";
            if (m is null) { Refuse(field, "A metric point is required here, not null."); continue; }
            if (TrackingKeys.Problem(m.Key) is { } keyProblem) Refuse(field + ".key", keyProblem);
            else if (m.Value is not { } value) Refuse(field + ".value", $"The value of '{m.Key}' is required: a number, or \"NaN\", \"Infinity\" or \"-Infinity\".");
            else if (m.Timestamp is < 0) Refuse(field + ".timestamp", "The timestamp is in milliseconds since 1970 and cannot be negative.");
            else if (m.Epoch is < 0) Refuse(field + ".epoch", "The epoch cannot be negative.");
            else points.Add(new RunMetric(runId, m.Key, m.Step ?? 0, m.Epoch, value, m.Timestamp ?? nowMillis));
        }
        Check(parameters, "params", RunParam.MaxValueLength, validation, ref messages);
        Check(tags, "tags", RunTag.MaxValueLength, validation, ref messages);
        return validation.IsValid ? new RunBatch(points, parameters, tags) : null;
    }

    private static void Count(Validation validation, string field, string what, int count, int max)
    {
        if (count > max) validation.Add(field, $"A batch holds at most {max:N0} {what}; this one has {count:N0}. Send several batches.");
    }

    private static void Check(IReadOnlyDictionary<string, string> entries, string field, int maxValueLength, Validation validation, ref int messages)
    {
        foreach (var (key, value) in entries)
        {
            if (messages >= MaxMessages) return;
            var problem = TrackingKeys.Problem(key)
                ?? (value is null ? $"The value of '{key}' is required (a string)." : null)
                ?? (value!.Length > maxValueLength ? $"The value of '{key}' has {value.Length:N0} characters; the limit is {maxValueLength:N0}." : null);
            if (problem is null) continue;
            validation.Add($"{field}.{(key.Length <= 40 ? key : key[..40] + "…")}", problem);
            messages++;
        }
    }
}
