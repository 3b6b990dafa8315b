using System.ComponentModel;
using Platform.Cli.Commands.Datasets;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Runs;

public sealed class StartRunSettings : DatasetSettings
{
    [CommandOption("--version <N>")]
    [Description("The dataset version to train on (default: the latest)")]
    public int? Version { get; init; }

    [CommandOption("--template <NAME>")]
    [Description("The training template (default: the one the server proposes for the version)")]
    public string? Template { get; init; }

    [CommandOption("--time-budget <MINUTES>")]
    [Description("Stop training after this many minutes")]
    public double? TimeBudgetMinutes { get; init; }

    [CommandOption("--epochs <N>")]
    public int? Epochs { get; init; }

    [CommandOption("--batch-size <N>")]
    public int? BatchSize { get; init; }

    [CommandOption("--learning-rate <RATE>")]
    public double? LearningRate { get; init; }

    [CommandOption("--seed <N>")]
    public int? Seed { get; init; }

    [CommandOption("--experiment <NAME|ID>")]
    [Description("The experiment to record the run in (default: Default)")]
    public string? Experiment { get; init; }

    [CommandOption("--name <NAME>")]
    public string? Name { get; init; }

    [CommandOption("--watch")]
    [Description("Stream the run's metrics until it ends (exit code 4 if it fails)")]
    public bool Watch { get; init; }
}

/// <summary>Starts a training run on a dataset version; prints the run (its id is what runs watch/logs/cancel take).</summary>
public sealed class StartRunCommand : PlatformCommand<StartRunSettings>
{
    protected override async Task<int> RunAsync(StartRunSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var client = session.Client;
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var dataset = await Lookup.DatasetAsync(client, workspace.Id, settings.Dataset, ct);
        var version = settings.Version ?? dataset.LatestVersion?.Number ?? throw CliException.NotFound($"Dataset {dataset.Name} has no version yet.");
        Guid? experiment = settings.Experiment is null ? null : (await Lookup.ExperimentAsync(client, workspace.Id, settings.Experiment, ct)).Id;
        var trainingSettings = new TrainingSettingsDto(settings.Epochs, settings.BatchSize, settings.LearningRate, Seed: settings.Seed);
        var run = await client.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, version, settings.Template,
            settings.TimeBudgetMinutes, experiment, settings.Name, trainingSettings), ct);
        if (settings.Watch)
        {
            output.Note($"Started run {run.Id} ({run.Template}) on {dataset.Name} version {version}.");
            return WatchRunCommand.Finished(await new RunWatcher(session, workspace.Id, output).WatchAsync(run.Id, ct), output);
        }
        output.Result(run, console =>
            console.MarkupLineInterpolated($"Started run [bold]{run.Id}[/] ({run.Template}) on {dataset.Name} version {version}, queue {run.Queue}. Follow it with: platform runs watch {run.Id}"));
        return ExitCodes.Ok;
    }
}
