namespace Platform.Ml;

/// <summary>Optional advanced settings; every null means "the template's default".</summary>
public sealed record TrainingSettings
{
    /// <summary>Train for this many epochs (the schedule follows epochs); otherwise the time budget drives it.</summary>
    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    /// <summary>Peak learning rate of the one-cycle schedule.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Width multiplier of the network: 0.25 to 4.</summary>
    public double? ModelSize { get; init; }

    /// <summary>Side of the square input images, 8 to 256 pixels.</summary>
    public int? ImageSize { get; init; }

    /// <summary>Random horizontal flips in training and test-time flip (images); default on.</summary>
    public bool? HorizontalFlip { get; init; }

    public int? Seed { get; init; }

    /// <summary>Emit a checkpoint every this many steps.</summary>
    public int? CheckpointEverySteps { get; init; }

    /// <summary>Emit a checkpoint at least this often (default 2 minutes).</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    internal void Validate(Dictionary<string, List<string>> errors) =>
        Contracts.TrainingSettingsRules.Validate(Epochs, BatchSize, LearningRate, ModelSize, ImageSize, CheckpointEverySteps,
            CheckpointInterval?.TotalSeconds, (field, message) => errors.Add(field, message));
}
