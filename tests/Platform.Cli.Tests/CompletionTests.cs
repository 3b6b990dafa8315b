using System.Diagnostics;
using Shouldly;
using Xunit;

namespace Platform.Cli.Tests;

public sealed class CompletionTests(PlatformServer server)
{
    [Theory]
    [InlineData("platform da", "datasets")]
    [InlineData("platform datasets p", "pull push")]
    [InlineData("platform runs ", "cancel logs start watch")]
    [InlineData("platform datasets push ./x --f", "--format")]
    [InlineData("platform datasets push ./x --output j", "json")]
    [InlineData("platform datasets pull flowers -w Vision --ver", "--version")]
    [InlineData("platform runs start flowers --w", "--watch --workspace")]
    public async Task TheBashScriptCompletesTheRegisteredCommandsAndOptions(string line, string expected)
    {
        var script = await Cli.RunAsync(server.NewConfigPath(), ["completion", "bash"]);
        script.ShouldSucceed();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, script.Stdout, TestContext.Current.CancellationToken);
        var words = line.Split(' ');
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _platform; printf '%s\\n' \"${COMPREPLY[@]}\" | sort | tr '\\n' ' '");
        info.ArgumentList.Add("completion");
        info.ArgumentList.Add(file);
        foreach (var word in words) info.ArgumentList.Add(word);
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        output.Trim().ShouldBe(expected, await bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheZshScriptLoadsTheSameFunctionsThroughBashcompinit()
    {
        var script = await Cli.RunAsync(server.NewConfigPath(), ["completion", "zsh"]);
        script.ShouldSucceed();
        script.Stdout.ShouldStartWith("#compdef platform\nautoload -U +X bashcompinit && bashcompinit\n");
        script.Stdout.ShouldContain("complete -o default -F _platform platform");
    }
}
