using System.Text.Json;

namespace Platform.Api.Runs;

public static class SweepViews
{
    public static async Task<SweepDto> ToDtoAsync(PlatformDb db, Sweep sweep, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<StartSweepRequest>(sweep.RequestJson, PlatformClient.Json)!;
        var trials = JsonSerializer.Deserialize<List<TrainingSettingsDto>>(sweep.TrialsJson, PlatformClient.Json)!;
        var names = request.Parameters.Select(p => p.Name).ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweep.Id).ToDictionaryAsync(r => r.TrialIndex ?? -1, ct);
        var runIds = runs.Values.Select(r => r.Id).ToList();
        var lastIds = await db.RunMetrics.AsNoTracking().Where(m => runIds.Contains(m.RunId) && m.Name == sweep.Metric)
            .GroupBy(m => m.RunId).Select(g => g.Max(m => m.Id)).ToListAsync(ct);
        var metric = await db.RunMetrics.AsNoTracking().Where(m => lastIds.Contains(m.Id)).ToDictionaryAsync(m => m.RunId, m => m.Value, ct);
        var rows = trials.Select((settings, i) =>
        {
            var run = runs.GetValueOrDefault(i);
            return new SweepTrialDto(run?.Id, i, run?.Status, SweepSpace.ValuesOf(settings, names), run?.Score,
                run is not null && metric.TryGetValue(run.Id, out var value) ? value : null, run?.Message);
        }).ToList();
        return new SweepDto(sweep.Id, sweep.WorkspaceId, sweep.ExperimentId, sweep.Name, sweep.Status, sweep.Method, sweep.Template, sweep.Trials,
            sweep.Parallelism, sweep.Metric, sweep.Maximize, sweep.EarlyStopping, sweep.TrialBudgetSeconds / 60, request.Parameters, rows,
            sweep.BestRunId, sweep.CreatedAt, sweep.FinishedAt, sweep.Message, sweep.Priority);
    }
}
