using Platform.Cli.Infrastructure;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>Forgets the token (the server address and workspace stay); the token itself stays valid until revoked in the portal.</summary>
public sealed class LogoutCommand : PlatformCommand<GlobalSettings>
{
    protected override Task<int> RunAsync(GlobalSettings settings, Output output, CancellationToken ct)
    {
        var config = CliConfig.Load();
        var hadToken = config.Token is not null;
        if (hadToken) (config with { Token = null }).Save();
        output.Result(new { SignedOut = hadToken, Config = CliConfig.FilePath },
            console => console.WriteLine(hadToken ? "Signed out: the token was removed from " + CliConfig.FilePath : "Not signed in."));
        return Task.FromResult(ExitCodes.Ok);
    }
}
