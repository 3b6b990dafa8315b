using System.Globalization;
using System.Text.Json;
using Platform.Storage.Objects;

namespace Platform.Api.Runs;

/// <summary>Builds the side-by-side view of a few runs: rows, training settings and evaluation summaries.</summary>
public static class RunComparison
{
    /// <summary>The ids in <paramref name="text"/> (comma-separated), or why they cannot be compared.</summary>
    public static bool TryParseIds(string? text, out List<Guid> ids, out string? error)
    {
        ids = [];
        error = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(part, out var id))
            {
                error = $"'{part}' is not a run id.";
                return false;
            }
            if (!ids.Contains(id)) ids.Add(id);
        }
        if (ids.Count is 0 or > RunComparisonDto.MaxRuns)
            error = $"Give 1 to {RunComparisonDto.MaxRuns} run ids, separated by commas (got {ids.Count}).";
        return error is null;
    }

    public static async Task<RunComparisonDto> BuildAsync(PlatformDb db, IObjectStore store, IReadOnlyList<Run> runs, CancellationToken ct)
    {
        var rows = await RunSummaries.BuildAsync(db, runs, ct);
        var compared = new List<ComparedRunDto>();
        for (var i = 0; i < runs.Count; i++)
            compared.Add(new ComparedRunDto(rows[i], Settings(runs[i]), await EvaluationAsync(store, runs[i], ct)));
        return new RunComparisonDto(compared);
    }

    private static Dictionary<string, string> Settings(Run run)
    {
        var settings = new Dictionary<string, string>();
        if (run.Template is { } template) settings["template"] = template;
        if (run.TimeBudgetSeconds is { } budget) settings["timeBudgetMinutes"] = (budget / 60).ToString("0.##", CultureInfo.InvariantCulture);
        if (RunMapping.Settings(run) is not { } chosen) return settings;
        foreach (var property in JsonSerializer.SerializeToElement(chosen, PlatformClient.Json).EnumerateObject())
            if (property.Value.ValueKind != JsonValueKind.Null) settings[property.Name] = property.Value.GetRawText();
        return settings;
    }

    private static async Task<EvaluationSummaryDto?> EvaluationAsync(IObjectStore store, Run run, CancellationToken ct)
    {
        if (run.EvaluationKey is null || await store.TryOpenReadAsync(run.EvaluationKey, ct) is not { } stream) return null;
        await using (stream)
        {
            var e = await JsonSerializer.DeserializeAsync<EvaluationDto>(stream, PlatformClient.Json, ct);
            if (e is null) return null;
            double? macroF1 = e.Classes.Count > 0 ? e.Classes.Average(c => c.F1) : null;
            return new EvaluationSummaryDto(e.Task, e.Split, e.Count, e.Accuracy, macroF1, e.Classes, e.MeanAbsoluteError, e.RootMeanSquaredError, e.RSquared);
        }
    }
}
