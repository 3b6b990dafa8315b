namespace Platform.Contracts;

/// <summary>Which settings a sweep may search, and the trials a request expands to (deterministic for its seed).</summary>
public static class SweepSpace
{
    public const int MaxTrials = 50;
    public static readonly IReadOnlyList<string> Names = ["learningRate", "batchSize", "modelSize", "imageSize", "epochs", "seed"];
    private static readonly HashSet<string> Integers = ["batchSize", "imageSize", "epochs", "seed"];

    /// <summary>Checks the request's search space; messages are keyed like the request's fields.</summary>
    public static void Validate(StartSweepRequest request, Action<string, string> error)
    {
        if (request.Parameters is not { Count: > 0 }) { error("parameters", "Choose at least one setting to search."); return; }
        if (request.Parameters.Count > Names.Count) error("parameters", $"At most {Names.Count} settings can be searched.");
        foreach (var (p, i) in request.Parameters.Select((p, i) => (p, i)))
        {
            var field = $"parameters[{i}]";
            if (!Names.Contains(p.Name)) { error(field, $"'{p.Name}' cannot be searched; use {string.Join(", ", Names)}."); continue; }
            if (request.Parameters.Count(x => x.Name == p.Name) > 1) error(field, $"'{p.Name}' is listed twice.");
            if (p.Values is { } values)
            {
                if (values.Count is 0 or > 20) error(field, $"Give '{p.Name}' 1 to 20 values.");
                if (values.Any(v => !double.IsFinite(v))) error(field, $"The values of '{p.Name}' must be numbers.");
            }
            else if (p.Min is not { } min || p.Max is not { } max || !double.IsFinite(min) || !double.IsFinite(max) || min >= max)
                error(field, $"Give '{p.Name}' a list of values, or a range with min below max.");
            else if (p.Log && min <= 0) error(field, $"A log-scale range of '{p.Name}' must be above 0.");
            else if (request.Method == SweepMethod.Grid) error(field, $"A grid search needs a list of values for '{p.Name}', not a range.");
        }
        if (request.Method == SweepMethod.Random && request.Trials is < 1 or > MaxTrials) error("trials", $"Run 1 to {MaxTrials} trials.");
        if (request.Method == SweepMethod.Grid && request.Parameters.All(p => p.Values is not null)
            && request.Parameters.Aggregate(1L, (n, p) => n * Math.Max(1, p.Values!.Count)) > MaxTrials)
            error("parameters", $"The grid has more than {MaxTrials} combinations; give fewer values.");
        if (request.Parallelism is < 1 or > 10) error("parallelism", "Run 1 to 10 trials at once.");
    }

    /// <summary>The settings of every trial: the grid's combinations in order, or random draws from the ranges and lists.</summary>
    public static IReadOnlyList<TrainingSettingsDto> Expand(StartSweepRequest request)
    {
        var baseSettings = request.BaseSettings ?? new TrainingSettingsDto();
        var combos = request.Method == SweepMethod.Grid ? Grid(request.Parameters) : Random(request);
        return combos.Select(values => Apply(baseSettings, values)).ToList();
    }

    /// <summary>The searched values of a trial, by name.</summary>
    public static IReadOnlyDictionary<string, double> ValuesOf(TrainingSettingsDto s, IEnumerable<string> names) => names.ToDictionary(n => n, n => n switch
    {
        "learningRate" => s.LearningRate ?? double.NaN,
        "batchSize" => s.BatchSize ?? double.NaN,
        "modelSize" => s.ModelSize ?? double.NaN,
        "imageSize" => s.ImageSize ?? double.NaN,
        "epochs" => s.Epochs ?? double.NaN,
        _ => s.Seed ?? double.NaN,
    });

    private static IEnumerable<Dictionary<string, double>> Grid(IReadOnlyList<SweepParameterDto> parameters)
    {
        IEnumerable<Dictionary<string, double>> combos = [new()];
        foreach (var p in parameters)
            combos = combos.SelectMany(c => p.Values!.Select(v => new Dictionary<string, double>(c) { [p.Name] = v })).ToList();
        return combos;
    }

    private static IEnumerable<Dictionary<string, double>> Random(StartSweepRequest request)
    {
        var random = new Random(request.Seed);
        for (var i = 0; i < (request.Trials ?? 8); i++)
            yield return request.Parameters.ToDictionary(p => p.Name, p => p.Values is { } values
                ? values[random.Next(values.Count)]
                : p.Log ? Math.Exp(Math.Log(p.Min!.Value) + (random.NextDouble() * (Math.Log(p.Max!.Value) - Math.Log(p.Min.Value))))
                : p.Min!.Value + (random.NextDouble() * (p.Max!.Value - p.Min.Value)));
    }

    private static TrainingSettingsDto Apply(TrainingSettingsDto s, Dictionary<string, double> values)
    {
        int? Int(string name, int? fallback) => values.TryGetValue(name, out var v) ? (int)Math.Round(v) : fallback;
        double? Real(string name, double? fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return s with
        {
            LearningRate = Real("learningRate", s.LearningRate), BatchSize = Int("batchSize", s.BatchSize), ModelSize = Real("modelSize", s.ModelSize),
            ImageSize = Int("imageSize", s.ImageSize), Epochs = Int("epochs", s.Epochs), Seed = Int("seed", s.Seed),
        };
    }

    public static bool IsInteger(string name) => Integers.Contains(name);
}
