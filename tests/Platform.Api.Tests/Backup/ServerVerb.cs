using System.Diagnostics;
using Platform.Shared;

namespace Platform.Api.Tests.Backup;

/// <summary>The built Server run as a command (<c>backup DIR</c>, <c>restore DIR</c>, or no verb) against one instance's storage.</summary>
public sealed record ServerVerb(int ExitCode, string Output)
{
    public static async Task<ServerVerb> RunAsync(Instance instance, CancellationToken ct, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [ServerLauncher.ServerDll("Debug", "Release"), .. arguments])
        {
            WorkingDirectory = instance.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in instance.Environment()) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' did not finish in 120 s:\n{await output}\n{await errors}");
        }
        return new ServerVerb(process.ExitCode, (await output) + (await errors));
    }
}
