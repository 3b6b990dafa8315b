using System.Globalization;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;

namespace Platform.Cli.Commands.Runs;

/// <summary>Prints a run's new metric points and status changes as they happen, until the run ends.</summary>
public sealed class RunWatcher(Session session, Guid ws, Output output)
{
    public async Task<RunDto> WatchAsync(Guid runId, CancellationToken ct)
    {
        await using var waker = await LiveWaker.StartAsync(session, ws, runId, output, ct);
        long? afterId = null;
        RunStatus? status = null;
        while (true)
        {
            var run = await session.Client.GetRunAsync(ws, runId, ct);
            var metrics = await session.Client.GetRunMetricsAsync(ws, runId, afterId, ct: ct);
            if (metrics.LastId > (afterId ?? 0)) afterId = metrics.LastId;
            Print(metrics);
            if (run.Status != status)
            {
                status = run.Status;
                if (output.IsJson) output.JsonLine(new { Type = "status", run.Status, run.Progress, run.Step, run.Epoch, run.Message });
                else output.Console.MarkupLineInterpolated($"[bold]{run.Status}[/] {run.Name}{(run.Message is null ? "" : ": " + run.Message)}");
            }
            if (run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled) return run;
            await waker.WaitAsync(TimeSpan.FromSeconds(waker.IsLive ? 5 : 2), ct);
        }
    }

    private void Print(RunMetricsDto metrics)
    {
        var points = metrics.Series.SelectMany(s => s.Points.Select(p => (s.Name, Point: p))).OrderBy(p => p.Point.Step).ThenBy(p => p.Name);
        if (output.IsJson)
        {
            foreach (var (name, p) in points) output.JsonLine(new { Type = "metric", Name = name, p.Step, p.Epoch, p.Value });
            return;
        }
        foreach (var step in points.GroupBy(p => p.Point.Step))
        {
            var epoch = step.Select(p => p.Point.Epoch).FirstOrDefault(e => e is not null);
            var values = string.Join("  ", step.Select(p => $"{p.Name} {p.Point.Value.ToString("G5", CultureInfo.InvariantCulture)}"));
            output.Console.WriteLine($"step {step.Key,6}{(epoch is null ? "" : $"  epoch {epoch}")}  {values}");
        }
    }
}
