using System.Globalization;

using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>A training run's settings as run parameters, so that tables, filters, comparisons and MLflow clients see them.</summary>
public static class TrainingParams
{
    public static IEnumerable<RunParam> For(Guid runId, string template, double budgetMinutes, TrainingSettingsDto? settings)
    {
        yield return new RunParam(runId, "template", template);
        yield return new RunParam(runId, "timeBudgetMinutes", Text(budgetMinutes));
        if (settings is null) yield break;
        var values = new (string Key, object? Value)[]
        {
            ("epochs", settings.Epochs), ("batchSize", settings.BatchSize), ("learningRate", settings.LearningRate),
            ("modelSize", settings.ModelSize), ("imageSize", settings.ImageSize), ("horizontalFlip", settings.HorizontalFlip),
            ("seed", settings.Seed), ("checkpointEverySteps", settings.CheckpointEverySteps),
        };
        foreach (var (key, value) in values)
            if (value is not null) yield return new RunParam(runId, key, Text(value));
    }

    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
