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

    /// <summary>
    /// Regression: predicted against actual for the evaluated items, all of them up to <see cref="MaxPoints"/>, else
    /// that many spread evenly over the items ordered by actual value (both ends kept); <see cref="Count"/> says how many were evaluated.
    /// </summary>
    public IReadOnlyList<RegressionPoint> Points { get; init; } = [];

    /// <summary>Regression: the items with the largest absolute error, worst first.</summary>
    public IReadOnlyList<RegressionPoint> LargestErrors { get; init; } = [];

    public const int MaxPoints = 2000;

    public const int MaxLargestErrors = 20;
}

public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);

public sealed record WorstItem(string Id, string Label, string Predicted, double LabelProbability);

/// <summary>One evaluated row of a regression; float, as the core computes, which also keeps the stored JSON short.</summary>
public sealed record RegressionPoint(string Id, float Actual, float Predicted);
