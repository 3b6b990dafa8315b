namespace Platform.Ml;

/// <summary>What to train: items (images, texts) or a table, a template, a time budget and optional settings.</summary>
public sealed record TrainingRequest
{
    /// <summary>One of <see cref="MlTemplates.Names"/>.</summary>
    public required string Template { get; init; }

    /// <summary>The whole training run, data preparation and final evaluation included, ends within this time.</summary>
    public required TimeSpan TimeBudget { get; init; }

    public IReadOnlyList<MlItem>? Items { get; init; }

    public MlTable? Table { get; init; }

    public TrainingSettings Settings { get; init; } = new();

    /// <summary>A checkpoint stream from an earlier run of the same request; training continues from it.</summary>
    public Stream? ResumeFrom { get; init; }

    public TrainingCallbacks Callbacks { get; init; } = new();
}

/// <summary>What a run reports while it works. All optional; called on the training thread.</summary>
public sealed record TrainingCallbacks
{
    public IProgress<MetricPoint>? Metrics { get; init; }

    public IProgress<string>? Log { get; init; }

    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Receives each checkpoint; the stream is only valid during the call.</summary>
    public Func<TrainingCheckpoint, CancellationToken, Task>? Checkpoint { get; init; }
}

public sealed record MetricPoint(long Step, int Epoch, string Name, double Value);

public sealed record TrainingProgress(double Fraction, long Step, int Epoch, TimeSpan Elapsed, TimeSpan Remaining);

public sealed record TrainingCheckpoint(long Step, int Epoch, Stream Content);

/// <summary>The outcome; <paramref name="Epochs"/> counts completed passes over the training data (fractional).</summary>
public sealed record TrainingResult(ModelPackage Model, EvaluationReport Evaluation, long Steps, double Epochs, string StopReason);
