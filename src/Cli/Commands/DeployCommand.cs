using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands;

public sealed class DeploySettings : WorkspaceSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("The registered model's name or id")]
    public string Model { get; init; } = "";

    [CommandOption("-n|--name <ENDPOINT>")]
    [Description("The endpoint's name, part of its predict address (default: the model's name)")]
    public string? Name { get; init; }

    [CommandOption("--version <N>")]
    [Description("Serve this fixed version")]
    public int? Version { get; init; }

    [CommandOption("--alias <ALIAS>")]
    [Description("Follow this alias (the endpoint moves when the alias moves); neither option serves the newest version")]
    public string? Alias { get; init; }

    [CommandOption("--no-wait")]
    [Description("Return once the endpoint is created, without waiting until it is ready")]
    public bool NoWait { get; init; }

    public override ValidationResult Validate() =>
        Version is not null && Alias is not null ? ValidationResult.Error("Give --version or --alias, not both.") : ValidationResult.Success();
}

/// <summary>Deploys a model version as a live endpoint and waits until it serves (exit code 4 if loading fails).</summary>
public sealed class DeployCommand : PlatformCommand<DeploySettings>
{
    protected override async Task<int> RunAsync(DeploySettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var client = session.Client;
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var model = await Lookup.ModelAsync(client, workspace.Id, settings.Model, ct);
        var endpoint = await client.CreateEndpointAsync(workspace.Id,
            new CreateEndpointRequest(settings.Name ?? model.Name, model.Id, settings.Version, settings.Alias), ct);
        if (!settings.NoWait)
        {
            output.Note($"Waiting until endpoint {endpoint.Name} serves {model.Name} version {endpoint.Version}…");
            await using var waker = await LiveWaker.StartAsync(session, workspace.Id, endpoint.Id, output, ct);
            while (endpoint.Status == EndpointStatus.Deploying)
            {
                await waker.WaitAsync(TimeSpan.FromSeconds(1), ct);
                endpoint = await client.GetEndpointAsync(workspace.Id, endpoint.Id, ct);
            }
            if (endpoint.Status == EndpointStatus.Failed) throw CliException.RemoteFailed($"Endpoint {endpoint.Name} failed to load: {endpoint.Error}");
        }
        output.Result(endpoint, console => console.MarkupLineInterpolated(
            $"Endpoint [bold]{endpoint.Name}[/] is {endpoint.Status.ToString().ToLowerInvariant()}: {model.Name} version {endpoint.Version} at {new Uri(session.Url, endpoint.PredictPath)}"));
        return ExitCodes.Ok;
    }
}
