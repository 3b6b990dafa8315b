using Platform.Cli.Infrastructure;
using Spectre.Console;

namespace Platform.Cli.Commands.Runs;

/// <summary>Asks the server to cancel a queued or running run (exit code 5 if it has already ended).</summary>
public sealed class CancelRunCommand : PlatformCommand<RunSettings>
{
    protected override async Task<int> RunAsync(RunSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var run = await session.Client.CancelRunAsync(workspace.Id, Lookup.RunId(settings.Run), ct);
        output.Result(run, console => console.WriteLine($"Run {run.Id} is {run.Status.ToString().ToLowerInvariant()}."));
        return ExitCodes.Ok;
    }
}
