using System.ComponentModel;
using Platform.Cli.Commands.Runs;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands.Models;

public sealed class RegisterModelSettings : RunSettings
{
    [CommandOption("-n|--name <MODEL>")]
    [Description("The model to add a version to (created when the workspace has none by this name)")]
    public string Name { get; init; } = "";

    [CommandOption("--description <TEXT>")]
    public string? Description { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required.") : ValidationResult.Success();
}

/// <summary>Registers a succeeded run's model as the next version of a model.</summary>
public sealed class RegisterModelCommand : PlatformCommand<RegisterModelSettings>
{
    protected override async Task<int> RunAsync(RegisterModelSettings settings, Output output, CancellationToken ct)
    {
        var session = Session.Open();
        var workspace = await Lookup.WorkspaceAsync(session, settings.Workspace, ct);
        var version = await session.Client.RegisterModelVersionAsync(workspace.Id,
            new RegisterModelVersionRequest(Lookup.RunId(settings.Run), settings.Name, settings.Description), ct);
        output.Result(version, console => console.MarkupLineInterpolated($"Registered [bold]{version.ModelName}[/] version {version.Number}."));
        return ExitCodes.Ok;
    }
}
