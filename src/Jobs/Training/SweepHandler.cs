using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Jobs.Operations;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Training;

/// <summary>
/// Runs a sweep: keeps up to its parallelism of trials queued or running, stops trials that successive halving rules out,
/// and when every trial has ended marks the best one. Reads all its state from the database, so a restart picks it up.
/// </summary>
public sealed class SweepHandler(PlatformDb db, IBackgroundJobClient jobs, ResourceEvents events, TimeProvider clock) : IOperationHandler
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public string Kind => OperationKinds.RunSweep;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        while (true)
        {
            var sweep = await db.Sweeps.SingleAsync(s => s.Id == operation.SubjectId && s.WorkspaceId == operation.WorkspaceId, ct);
            if (sweep.IsFinished) return sweep.Message ?? "The sweep had already ended.";
            var trials = JsonSerializer.Deserialize<List<TrainingSettingsDto>>(sweep.TrialsJson, PlatformClient.Json)!;
            var runs = await db.Runs.Where(r => r.SweepId == sweep.Id).ToListAsync(ct);
            if (sweep.EarlyStopping) await HalveAsync(sweep, runs, ct);
            var inFlight = runs.Count(r => !r.IsFinished);
            for (var next = runs.Count; inFlight < sweep.Parallelism && next < trials.Count; next++, inFlight++)
                if (!await LaunchAsync(sweep, next, trials[next], ct)) break;
            var ended = runs.Count(r => r.IsFinished);
            if (ended == trials.Count) return await FinishAsync(sweep, runs, ct);
            await report.ReportAsync((double)ended / trials.Count, $"{ended} of {trials.Count} trials ended, {inFlight} in flight", ct);
            Forget();
            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>Cancelled or failed: its trials that have not ended are cancelled with it.</summary>
    public async Task OnEndedAsync(Operation operation, CancellationToken ct)
    {
        Forget();
        var sweepId = operation.SubjectId;
        var open = await db.Runs.Where(r => r.SweepId == sweepId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var id in open)
        {
            // Read one at a time: a trial that ends meanwhile is left as it ended.
            var run = await db.Runs.SingleAsync(r => r.Id == id, ct);
            if (!run.IsFinished) await CancelTrialAsync(run, "Cancelled with its sweep.", ct);
        }
        Forget();
        var sweep = await db.Sweeps.SingleOrDefaultAsync(s => s.Id == sweepId, ct);
        if (sweep is null || sweep.IsFinished) return;
        sweep.Finish(operation.State == OperationState.Cancelled ? SweepStatus.Cancelled : SweepStatus.Failed, operation.Message ?? "Ended.", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>False when the trial had been launched already (its run exists); nothing is saved then.</summary>
    private async Task<bool> LaunchAsync(Sweep sweep, int index, TrainingSettingsDto settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queue = await TrainingRuns.DeviceQueueAsync(db, now, ct);
        var plan = new TrainingPlan(sweep.Template, JsonSerializer.Serialize(settings, PlatformClient.Json), sweep.DatasetVersionId,
            sweep.TrialBudgetSeconds, queue, TrainingRuns.CodeVersion, sweep.Priority);
        var (run, operation) = TrainingRuns.Add(db, sweep.WorkspaceId, sweep.ExperimentId, $"{sweep.Name} · trial {index + 1}", sweep.CreatedBy, now, plan, settings);
        run.AttachSweep(sweep.Id, index);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // The unique (sweep, trial) index: another coordinator launched this trial just now. Next round reads it.
            Forget();
            return false;
        }
        await jobs.EnqueueAsync(db, operation);
        await events.RunChangedAsync(run, ct);
        return true;
    }

    /// <summary>For each running trial that reached a rung it was not judged at, compares it with every trial at that rung.</summary>
    private async Task HalveAsync(Sweep sweep, List<Run> runs, CancellationToken ct)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var points = (await db.RunMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId) && m.Name == sweep.Metric)
            .Select(m => new { m.RunId, m.Step, m.Id, m.StoredValue }).ToListAsync(ct))
            .GroupBy(p => p.RunId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Step).ThenBy(p => p.Id).Select(p => p.StoredValue ?? double.NaN).ToList());
        var judged = await db.RunTags.Where(t => ids.Contains(t.RunId) && t.Key == RungTag).ToDictionaryAsync(t => t.RunId, ct);
        foreach (var run in runs.Where(r => r.Status == RunStatus.Running))
        {
            if (!points.TryGetValue(run.Id, out var mine)) continue;
            var done = judged.TryGetValue(run.Id, out var tag) ? int.Parse(tag.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            foreach (var rung in SuccessiveHalving.Rungs(mine.Count).Where(r => r > done))
            {
                var peers = points.Values.Where(p => p.Count >= rung).Select(p => p[rung - 1]).ToList();
                if (tag is null) db.RunTags.Add(tag = new RunTag(run.Id, RungTag, ""));
                tag.Value = rung.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!SuccessiveHalving.ShouldStop(mine[rung - 1], peers, sweep.Maximize)) continue;
                if (!await CancelTrialAsync(run, $"Stopped early by successive halving after {rung} validation(s): {sweep.Metric} {mine[rung - 1]:0.####} "
                    + $"is not in the best third of the {peers.Count} trials that got there.", ct))
                    return; // a trial changed meanwhile: judge again next round, from fresh rows
                break;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>False when the trial changed meanwhile (it ended, or its worker moved it on); nothing is saved then.</summary>
    private async Task<bool> CancelTrialAsync(Run run, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var operation = await TrainingRuns.CancelAsync(db, run, reason, now, ct);
        db.RunLogLines.Add(new RunLogLine(run.Id, now, reason));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Forget();
            return false;
        }
        await events.RunChangedAsync(run, ct);
        if (operation is not null) await events.OperationChangedAsync(operation, ct);
        return true;
    }

    private async Task<string> FinishAsync(Sweep sweep, List<Run> runs, CancellationToken ct)
    {
        var succeeded = runs.Where(r => r.Status == RunStatus.Succeeded && r.Score is not null).ToList();
        var best = succeeded.OrderByDescending(r => r.Score).ThenBy(r => r.TrialIndex).FirstOrDefault(); // a tie goes to the earlier trial
        sweep.MarkBest(best?.Id);
        var stopped = runs.Count(r => r.Status == RunStatus.Cancelled);
        var message = best is null
            ? $"All {runs.Count} trials ended; none succeeded with a score."
            : $"Best: trial {best.TrialIndex + 1} with score {best.Score:0.####}; {succeeded.Count} succeeded, {stopped} stopped early or cancelled, "
              + $"{runs.Count(r => r.Status == RunStatus.Failed)} failed.";
        sweep.Finish(SweepStatus.Succeeded, message, clock.GetUtcNow());
        if (best is not null) db.RunTags.Add(new RunTag(best.Id, "sweep.best", "true"));
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>Reads fresh rows next round; the operation stays tracked (the job saves its progress through it).</summary>
    private void Forget()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not Operation { Kind: OperationKinds.RunSweep }).ToList())
            entry.State = EntityState.Detached;
    }

    private const string RungTag = "sweep.rung";
}
