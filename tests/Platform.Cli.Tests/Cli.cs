using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Platform.Contracts;
using Shouldly;

namespace Platform.Cli.Tests;

/// <summary>What one run of the platform command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Stdout, PlatformClient.Json)!;

    /// <summary>Every JSON line of a stream (runs watch, logs --follow).</summary>
    public IReadOnlyList<JsonElement> JsonLines =>
        [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    public void ShouldSucceed() => ExitCode.ShouldBe(0, $"stdout:\n{Stdout}\nstderr:\n{Stderr}");

    public void ShouldExitWith(int code) => ExitCode.ShouldBe(code, $"stdout:\n{Stdout}\nstderr:\n{Stderr}");
}

/// <summary>Runs the built platform tool (src/Cli's Platform.Cli.dll) as a process, with its config in a file of the test's.</summary>
public static class Cli
{
    public static string Dll { get; } = FindDll();

    public static Process Start(string config, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["PLATFORM_CONFIG"] = config;
        foreach (var name in new[] { "PLATFORM_URL", "PLATFORM_TOKEN", "PLATFORM_WORKSPACE", "PLATFORM_ENDPOINT_KEY" }) info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("The CLI did not start.");
    }

    public static async Task<CliResult> RunAsync(string config, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null, int seconds = 120)
    {
        using var process = Start(config, args, environment);
        return await FinishAsync(process, stdin, seconds);
    }

    public static async Task<CliResult> FinishAsync(Process process, string? stdin = null, int seconds = 120)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The CLI did not finish within {seconds} s:\n{await stdout}\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindDll()
    {
        var configurations = AppContext.BaseDirectory.Contains("/Release/") ? new[] { "Release", "Debug" } : ["Debug", "Release"];
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (var configuration in configurations)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Cli", "bin", configuration, "net10.0", "Platform.Cli.dll");
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException("Build src/Cli first: Platform.Cli.dll was not found above " + AppContext.BaseDirectory);
    }
}
