namespace Platform.Ml;

/// <summary>Evaluation on the test split (or the validation split when there is no test split).</summary>
public sealed record EvaluationReport
{
    public required string Task { get; init; }

    /// <summary>"test" or "validation".</summary>
    public required string Split { get; init; }

    public required int Count { get; init; }

    public double? Accuracy { get; init; }

    public IReadOnlyList<ClassMetrics> Classes { get; init; } = [];

    /// <summary>Rows are true classes, columns predicted classes, in <see cref="Classes"/> order.</summary>
    public IReadOnlyList<int[]> ConfusionMatrix { get; init; } = [];

    /// <summary>Items whose true class got the lowest probability, worst first.</summary>
    public IReadOnlyList<WorstItem> WorstItems { get; init; } = [];

    public double? MeanAbsoluteError { get; init; }

    public double? RootMeanSquaredError { get; init; }

    public double? RSquared { get; init; }
}

public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);

public sealed record WorstItem(string Id, string Label, string Predicted, double LabelProbability);
