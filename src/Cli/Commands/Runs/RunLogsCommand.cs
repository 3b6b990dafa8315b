using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Spectre.Console;
using Platform.Contracts;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Runs;

public sealed class RunLogsSettings : RunSettings
{
    [CommandOption("-f|--follow")]
    [Description("Keep printing new lines until the run ends")]
    public bool Follow { get; init; }
}

/// <summary>A run's log; with --follow, new lines as they arrive (JSON lines with --output json).</summary>
public sealed class RunLogsCommand : PlatformCommand<RunLogsSettings>
{
    protected override async Task<int> RunAsync(RunLogsSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var runId = Lookup.RunId(settings.Run);
        var client = session.Client;
        if (!settings.Follow)
        {
            var lines = new List<RunLogLineDto>();
            for (long? after = null; ;)
            {
                var page = await client.GetRunLogAsync(workspace.Id, runId, after, 1000, ct);
                lines.AddRange(page.Lines);
                if (page.Lines.Count == 0 || page.LastId <= (after ?? 0)) break;
                after = page.LastId;
            }
            output.Result(lines, console => { foreach (var line in lines) Print(line, output); });
            return ExitCodes.Ok;
        }

        await using var waker = await LiveWaker.StartAsync(session, workspace.Id, runId, output, ct);
        long? afterId = null;
        while (true)
        {
            var run = await client.GetRunAsync(workspace.Id, runId, ct);
            var page = await client.GetRunLogAsync(workspace.Id, runId, afterId, 1000, ct);
            foreach (var line in page.Lines) Print(line, output);
            if (page.Lines.Count > 0) afterId = page.LastId;
            if (page.Lines.Count == 1000) continue;
            if (run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled) return ExitCodes.Ok;
            await waker.WaitAsync(TimeSpan.FromSeconds(5), ct);
        }
    }

    private static void Print(RunLogLineDto line, Output output)
    {
        if (output.IsJson) output.JsonLine(line);
        else output.Console.WriteLine($"{line.At:HH:mm:ss} {line.Text}");
    }
}
