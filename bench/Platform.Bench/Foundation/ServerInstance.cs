using System.Diagnostics;
using System.Net;
using Platform.Shared;

namespace Platform.Bench.Foundation;

/// <summary>A Platform.Server process started for a benchmark, killed on dispose.</summary>
internal sealed class ServerInstance : IAsyncDisposable
{
    private readonly Process _process;

    private ServerInstance(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static ServerInstance Start(string dataFolder, IDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{ServerLauncher.FreePort()}/");
        var info = ServerLauncher.StartInfo(address, dataFolder, settings, "Release", "Debug");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerInstance(process, address);
    }

    /// <summary>Polls /health/ready every 10 ms; returns when it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException("The server exited during start.");
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
        throw new TimeoutException("The server was not ready in time.");
    }

    public async ValueTask DisposeAsync()
    {
        await ServerLauncher.StopAsync(_process);
    }
}
