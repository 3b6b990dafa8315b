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
        var script = await ScriptAsync("bash");
        var completions = await CompleteAsync("bash", "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _platform; printf '%s\\n' \"${COMPREPLY[@]}\"",
            script, line);
        completions.ShouldBe(expected);
    }

    /// <summary>zsh's bashcompinit calls the same function and filters by the typed prefix itself, so the whole set for the position comes back.</summary>
    [Theory]
    [InlineData("platform da", "completion datasets deploy login logout models predict runs workspaces")]
    [InlineData("platform datasets p", "list pull push versions")]
    [InlineData("platform datasets push ./x --output j", "json table")]
    public async Task TheZshScriptCompletesThroughBashcompinit(string line, string expected)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/zsh") || File.Exists("/bin/zsh"), "zsh is not installed");
        var script = await ScriptAsync("zsh");
        script.ShouldContain("autoload -U +X bashcompinit && bashcompinit");
        var completions = await CompleteAsync("zsh", "source \"$1\"; shift; words=(\"$@\"); CURRENT=$#; COMP_WORDS=(\"${words[@]}\"); " +
            "COMP_CWORD=$((CURRENT - 1)); compgen -F _platform -- \"${words[CURRENT]}\"", script, line, "-f");
        completions.ShouldBe(expected);
    }

    private static readonly Dictionary<string, string> Scripts = [];

    private async Task<string> ScriptAsync(string shell)
    {
        if (Scripts.TryGetValue(shell, out var cached)) return cached;
        var script = await Cli.RunAsync(server.NewConfigPath(), ["completion", shell]);
        script.ShouldSucceed();
        return Scripts[shell] = script.Stdout;
    }

    /// <summary>Runs <paramref name="command"/> in the shell with the script's path and the words of <paramref name="line"/>; the sorted completions.</summary>
    private async Task<string> CompleteAsync(string shell, string command, string script, string line, params string[] shellOptions)
    {
        var ct = TestContext.Current.CancellationToken;
        var home = server.NewFolder("home");
        var file = Path.Combine(home, "platform-completion");
        await File.WriteAllTextAsync(file, script, ct);
        var info = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["HOME"] = home;
        foreach (var option in shellOptions) info.ArgumentList.Add(option);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.ArgumentList.Add("completion");
        info.ArgumentList.Add(file);
        foreach (var word in line.Split(' ')) info.ArgumentList.Add(word);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        errors.ShouldBeEmpty();
        return string.Join(' ', output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }
}
