namespace Platform.Contracts;

/// <summary>Runs side by side, in the order asked for.</summary>
public sealed record RunComparisonDto(IReadOnlyList<ComparedRunDto> Runs)
{
    public const int MaxRuns = 10;
}

/// <summary>
/// One compared run: its row of the runs table, what it was trained with (template, time budget and the settings
/// chosen; empty for a tracked run) and the summary of its evaluation when it has one.
/// </summary>
public sealed record ComparedRunDto(RunSummaryDto Run, IReadOnlyDictionary<string, string> Settings, EvaluationSummaryDto? Evaluation);

public sealed record EvaluationSummaryDto(
    string Task, string Split, int Count, double? Accuracy, double? MacroF1, IReadOnlyList<ClassMetricsDto> Classes,
    double? MeanAbsoluteError, double? RootMeanSquaredError, double? RSquared);
