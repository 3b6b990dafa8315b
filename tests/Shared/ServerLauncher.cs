using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Shared;

/// <summary>
/// Starts the built Platform.Server as a real process on loopback. Compiled into the browser tests and the
/// benchmarks (linked source: neither references the Server assembly).
/// </summary>
internal static class ServerLauncher
{
    /// <summary>A process with output redirected, <c>Platform__DataFolder</c> under <paramref name="workFolder"/>, plus <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(Uri address, string workFolder, IEnumerable<KeyValuePair<string, string>>? environment, params string[] configurations)
    {
        var info = new ProcessStartInfo("dotnet", [ServerDll(configurations), "--urls", address.ToString().TrimEnd('/')])
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Platform__DataFolder"] = Path.Combine(workFolder, "data");
        info.Environment["Platform__RateLimits__SignInPerMinute"] = "100000";
        foreach (var (name, value) in environment ?? []) info.Environment[name] = value;
        return info;
    }

    /// <summary>The Server built next to this repository's sources, run from its own bin folder so static web assets resolve.</summary>
    public static string ServerDll(params string[] configurations)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (var configuration in configurations)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Server", "bin", configuration, "net10.0", "Platform.Server.dll");
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException("Build src/Server first: Platform.Server.dll was not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
