using System.ComponentModel;
using Platform.Cli.Infrastructure;
using Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Platform.Cli.Commands;

public sealed class LoginSettings : GlobalSettings
{
    [CommandArgument(0, "<URL>")]
    [Description("The server's address, e.g. https://platform.example.com")]
    public string Url { get; init; } = "";

    [CommandOption("--token <TOKEN>")]
    [Description("A personal API token (plat_…) from Settings → API tokens. Prefer --token-stdin: arguments show up in ps")]
    public string? Token { get; init; }

    [CommandOption("--token-stdin")]
    [Description("Read the token from standard input")]
    public bool TokenFromStdin { get; init; }

    [CommandOption("-w|--workspace <NAME|ID>")]
    [Description("The workspace later commands use when they are given none")]
    public string? Workspace { get; init; }
}

/// <summary>Checks the token against the server, then stores the address, token and workspace in the config file (0600).</summary>
public sealed class LoginCommand : PlatformCommand<LoginSettings>
{
    protected override async Task<int> RunAsync(LoginSettings settings, Output output, CancellationToken ct)
    {
        var url = Session.ParseUrl(settings.Url);
        var token = ReadToken(settings, output);
        var client = Session.CreateClient(url, token);
        UserDto me;
        try { me = await client.GetMeAsync(ct); }
        catch (PlatformApiException e) when ((int)e.Status == 401)
        {
            throw new CliException(ExitCodes.Unauthorized, $"{url} refused the token: it is wrong, expired or revoked. Nothing was saved.");
        }
        var config = CliConfig.Load() with { Url = url.ToString(), Token = token };
        if (settings.Workspace is not null)
        {
            var workspaces = await Lookup.AllAsync(cursor => client.ListWorkspacesAsync(cursor, 200, ct));
            var workspace = workspaces.FirstOrDefault(w => w.Name.Equals(settings.Workspace, StringComparison.OrdinalIgnoreCase) || w.Id.ToString() == settings.Workspace)
                ?? throw CliException.NotFound($"No workspace '{settings.Workspace}' among this account's workspaces. Nothing was saved.");
            config = config with { Workspace = workspace.Id.ToString() };
        }
        config.Save();
        output.Result(new { Url = url, me.Email, config.Workspace, Config = CliConfig.FilePath },
            console => console.MarkupLineInterpolated($"Signed in to [bold]{url}[/] as [bold]{me.Email}[/]. Saved in {CliConfig.FilePath}."));
        return ExitCodes.Ok;
    }

    private static string ReadToken(LoginSettings settings, Output output)
    {
        if (settings.Token is { Length: > 0 } given) return given.Trim();
        if (settings.TokenFromStdin) return Console.In.ReadToEnd().Trim() is { Length: > 0 } read ? read : throw CliException.Usage("Standard input held no token.");
        if (Environment.GetEnvironmentVariable("PLATFORM_TOKEN") is { Length: > 0 } env) return env.Trim();
        if (!output.Messages.Profile.Capabilities.Interactive || Console.IsInputRedirected)
            throw CliException.Usage("Give a token with --token-stdin, --token or $PLATFORM_TOKEN.");
        return output.Messages.Prompt(new TextPrompt<string>("API token:").Secret()).Trim();
    }
}
