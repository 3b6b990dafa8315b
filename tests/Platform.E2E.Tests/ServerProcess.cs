using System.Diagnostics;
using System.Net;
using System.Text;
using Platform.Shared;

namespace Platform.E2E.Tests;

/// <summary>The real Server executable with every role, in a temp data folder on a free loopback port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address, string dataFolder)
    {
        _process = process;
        Address = address;
        DataFolder = dataFolder;
    }

    public Uri Address { get; }
    public string DataFolder { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the server; <paramref name="environment"/> adds settings such as <c>Platform__Oidc__Authority</c>.</summary>
    /// <summary>A server whose first administrator is created from configuration with this email and password.</summary>
    public static Task<ServerProcess> StartWithAdminAsync(string email, string password, CancellationToken ct) =>
        StartAsync(ct, new Dictionary<string, string> { ["Platform__Admin__Email"] = email, ["Platform__Admin__Password"] = password });

    public static async Task<ServerProcess> StartAsync(CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var dataFolder = Directory.CreateTempSubdirectory("platform-e2e-").FullName;
        port ??= FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        var info = ServerLauncher.StartInfo(address, dataFolder, environment, configuration);
        var process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        var server = new ServerProcess(process, address, dataFolder);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(ct);
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited early:\n{Output}");
            try
            {
                using var response = await http.GetAsync("health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The server was not ready within 60 s:\n{Output}");
    }

    public static int FreePort() => ServerLauncher.FreePort();

    public async ValueTask DisposeAsync()
    {
        await ServerLauncher.StopAsync(_process);
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
