namespace Platform.Contracts;

public enum SweepMethod { Random, Grid }

public enum SweepStatus { Running, Succeeded, Cancelled, Failed }

/// <summary>
/// One setting to search: a list of <see cref="Values"/>, or a range <see cref="Min"/>–<see cref="Max"/> (random search
/// only), sampled on a log scale when <see cref="Log"/> is set. Names: learningRate, batchSize, modelSize, imageSize, epochs, seed.
/// </summary>
public sealed record SweepParameterDto(string Name, IReadOnlyList<double>? Values = null, double? Min = null, double? Max = null, bool Log = false);

/// <summary>
/// A search over training settings on one dataset version: trials are child runs on the queue, at most
/// <see cref="Parallelism"/> at once; with <see cref="EarlyStopping"/>, successive halving stops trials whose validation
/// metric falls behind at each rung.
/// </summary>
public sealed record StartSweepRequest(
    Guid DatasetId, int Version, IReadOnlyList<SweepParameterDto> Parameters, SweepMethod Method = SweepMethod.Random, int? Trials = null,
    int Parallelism = 2, double? TrialBudgetMinutes = null, string? Template = null, Guid? ExperimentId = null, string? Name = null,
    bool EarlyStopping = true, TrainingSettingsDto? BaseSettings = null, int Seed = 1, RunPriority Priority = RunPriority.Normal);

public sealed record SweepDto(
    Guid Id, Guid WorkspaceId, Guid ExperimentId, string Name, SweepStatus Status, SweepMethod Method, string Template, int Trials,
    int Parallelism, string Metric, bool Maximize, bool EarlyStopping, double TrialBudgetMinutes, IReadOnlyList<SweepParameterDto> Parameters,
    IReadOnlyList<SweepTrialDto> Runs, Guid? BestRunId, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Message,
    RunPriority Priority = RunPriority.Normal);

/// <summary>A trial: its run, the values it tries, its score (accuracy or R²) and the last value of the sweep's metric.</summary>
public sealed record SweepTrialDto(
    Guid? RunId, int Index, RunStatus? Status, IReadOnlyDictionary<string, double> Values, double? Score, double? Metric, string? Message);
