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

    internal void Validate(Dictionary<string, List<string>> errors)
    {
        if (Epochs is < 1 or > 10_000)
        {
            errors.Add("settings.epochs", "Epochs must be between 1 and 10000.");
        }

        if (BatchSize is < 1 or > 8192)
        {
            errors.Add("settings.batchSize", "Batch size must be between 1 and 8192.");
        }

        if (LearningRate is { } lr && (double.IsNaN(lr) || lr <= 0 || lr > 10))
        {
            errors.Add("settings.learningRate", "Learning rate must be greater than 0 and at most 10.");
        }

        if (ModelSize is { } size && (double.IsNaN(size) || size < 0.25 || size > 4))
        {
            errors.Add("settings.modelSize", "Model size must be between 0.25 and 4.");
        }

        if (ImageSize is < 8 or > 256)
        {
            errors.Add("settings.imageSize", "Image size must be between 8 and 256 pixels.");
        }

        if (CheckpointEverySteps is < 1)
        {
            errors.Add("settings.checkpointEverySteps", "Checkpoint interval in steps must be at least 1.");
        }

        if (CheckpointInterval is { } interval && interval < TimeSpan.FromSeconds(1))
        {
            errors.Add("settings.checkpointInterval", "Checkpoint interval must be at least one second.");
        }
    }
}
