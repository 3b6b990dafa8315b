namespace Platform.Contracts;

/// <summary>
/// The ranges of the advanced training settings, with their messages: the API checks a request with them before a
/// run is queued, and the training core (src/Ml) checks its own settings with the same rules.
/// </summary>
public static class TrainingSettingsRules
{
    public static void Validate(
        int? epochs, int? batchSize, double? learningRate, double? modelSize, int? imageSize, int? checkpointEverySteps,
        double? checkpointIntervalSeconds, Action<string, string> error)
    {
        if (epochs is < 1 or > 10_000) error("settings.epochs", "Epochs must be between 1 and 10000.");
        if (batchSize is < 1 or > 8192) error("settings.batchSize", "Batch size must be between 1 and 8192.");
        if (learningRate is { } lr && (double.IsNaN(lr) || lr <= 0 || lr > 10))
            error("settings.learningRate", "Learning rate must be greater than 0 and at most 10.");
        if (modelSize is { } size && (double.IsNaN(size) || size < 0.25 || size > 4))
            error("settings.modelSize", "Model size must be between 0.25 and 4.");
        if (imageSize is < 8 or > 256) error("settings.imageSize", "Image size must be between 8 and 256 pixels.");
        if (checkpointEverySteps is < 1) error("settings.checkpointEverySteps", "Checkpoint interval in steps must be at least 1.");
        if (checkpointIntervalSeconds is { } seconds && (double.IsNaN(seconds) || seconds < 1 || seconds > 86_400))
            error("settings.checkpointInterval", "Checkpoint interval must be between one second and one day.");
    }

    public static void Validate(TrainingSettingsDto s, Action<string, string> error) =>
        Validate(s.Epochs, s.BatchSize, s.LearningRate, s.ModelSize, s.ImageSize, s.CheckpointEverySteps, s.CheckpointIntervalSeconds, error);
}
