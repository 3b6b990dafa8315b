namespace Platform.Storage.Entities;

/// <summary>
/// One value of one metric at one step (append-only). NaN is kept: SQLite stores NaN as NULL, so the column is
/// nullable and NULL reads back as NaN.
/// </summary>
public sealed class RunMetric
{
    public const int MaxKeyLength = 250;

    private RunMetric() { }

    public RunMetric(Guid runId, string name, long step, int? epoch, double value, long timestamp)
    {
        RunId = runId;
        Name = name;
        Step = step;
        Epoch = epoch;
        Value = value;
        Timestamp = timestamp;
    }

    public long Id { get; private set; }
    public Guid RunId { get; private set; }
    public string Name { get; private set; } = "";
    public long Step { get; private set; }
    public int? Epoch { get; private set; }
    /// <summary>Milliseconds since the Unix epoch, as MLflow records it.</summary>
    public long Timestamp { get; private set; }
    public double? StoredValue { get; private set; }

    public double Value
    {
        get => StoredValue ?? double.NaN;
        private set => StoredValue = double.IsNaN(value) ? null : value;
    }
}

/// <summary>A run's parameter (set once, as MLflow does).</summary>
public sealed class RunParam(Guid runId, string key, string value)
{
    public const int MaxKeyLength = 250;
    public const int MaxValueLength = 6000;

    public Guid RunId { get; private set; } = runId;
    public string Key { get; private set; } = key;
    public string Value { get; private set; } = value;
}

/// <summary>A run's tag (can be overwritten or deleted).</summary>
public sealed class RunTag(Guid runId, string key, string value)
{
    public const int MaxKeyLength = 250;
    public const int MaxValueLength = 8000;

    public Guid RunId { get; private set; } = runId;
    public string Key { get; private set; } = key;
    public string Value { get; set; } = value;
}

/// <summary>One line of a run's log, in the order written.</summary>
public sealed class RunLogLine(Guid runId, DateTimeOffset at, string text)
{
    public const int MaxLength = 2000;

    public long Id { get; private set; }
    public Guid RunId { get; private set; } = runId;
    public DateTimeOffset At { get; private set; } = at;
    public string Text { get; private set; } = text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
}
