namespace Platform.Ml;

/// <summary>Everything besides the weights that a predictor needs, stored as manifest.json in the package.</summary>
public sealed record ModelManifest
{
    /// <summary>image-classification, text-classification, tabular-classification or tabular-regression.</summary>
    public required string Task { get; init; }

    public required string Template { get; init; }

    public required int TemplateVersion { get; init; }

    public required InputSpec Input { get; init; }

    public IReadOnlyList<string> ClassNames { get; init; } = [];

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Architecture parameters the template needs to rebuild the network.</summary>
    public IReadOnlyDictionary<string, double> Architecture { get; init; } = new Dictionary<string, double>();

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>Input specification and normalization.</summary>
public sealed record InputSpec
{
    /// <summary>image, text or table.</summary>
    public required string Kind { get; init; }

    public int? ImageSize { get; init; }

    public int? Channels { get; init; }

    /// <summary>Per-channel mean and standard deviation of pixel values scaled to 0..1.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    public IReadOnlyList<double>? Std { get; init; }

    /// <summary>Average predictions over the image and its mirror.</summary>
    public bool TestTimeFlip { get; init; }

    public IReadOnlyList<string>? Vocabulary { get; init; }

    public int? MaxTokens { get; init; }

    public IReadOnlyList<ColumnSpec>? Columns { get; init; }

    public double? TargetMean { get; init; }

    public double? TargetStd { get; init; }
}

/// <summary>One input column of a table; numeric columns are standardized, categorical ones embedded.</summary>
public sealed record ColumnSpec(
    string Name,
    bool Numeric,
    double Mean,
    double Std,
    bool HasMissing,
    IReadOnlyList<string>? Categories);
