using Platform.Cli.Infrastructure;
using Spectre.Console;
using Platform.Contracts;

namespace Platform.Cli.Commands.Runs;

/// <summary>Streams a run's metrics live until it ends; exits 0 when it succeeded, 4 when it failed or was cancelled.</summary>
public sealed class WatchRunCommand : PlatformCommand<RunSettings>
{
    protected override async Task<int> RunAsync(RunSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var run = await new RunWatcher(session, workspace.Id, output).WatchAsync(Lookup.RunId(settings.Run), ct);
        return Finished(run, output);
    }

    /// <summary>The final line (or JSON line) and the exit code of a run that ended.</summary>
    public static int Finished(RunDto run, Output output)
    {
        if (output.IsJson) output.JsonLine(new { Type = "run", Run = run });
        if (run.Status == RunStatus.Succeeded)
        {
            if (!output.IsJson) output.Console.WriteLine($"Run {run.Id} succeeded{(run.Score is { } s ? $" (score {s:0.####})" : "")}.");
            return ExitCodes.Ok;
        }
        output.Error($"Run {run.Id} {run.Status.ToString().ToLowerInvariant()}: {run.Message}");
        return ExitCodes.RemoteFailed;
    }
}
