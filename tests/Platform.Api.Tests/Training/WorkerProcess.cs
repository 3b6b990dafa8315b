using System.Diagnostics;
using System.Text;
using Platform.Shared;

namespace Platform.Api.Tests.Training;

/// <summary>A separate Server process with only the worker role (or the roles given), on a shared PostgreSQL database and object folder.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(string name, Process process, Uri address)
    {
        _process = process;
        Name = name;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<WorkerProcess> StartAsync(string name, string workFolder, string postgres, string objectFolder,
        IReadOnlyDictionary<string, string> settings, CancellationToken ct, string roles = "worker") =>
        StartWithAsync(name, workFolder, new Dictionary<string, string>(settings)
        {
            ["Platform__Roles"] = roles,
            ["Platform__WorkerName"] = name,
            ["Platform__Database__Provider"] = "postgres",
            ["Platform__Database__ConnectionString"] = postgres,
            ["Platform__ObjectStore__Folder"] = objectFolder,
        }, "health/live", ct);

    /// <summary>Starts the Server with exactly <paramref name="environment"/> and waits until <paramref name="healthPath"/> answers 200.</summary>
    public static async Task<WorkerProcess> StartWithAsync(string name, string workFolder, IReadOnlyDictionary<string, string> environment,
        string healthPath, CancellationToken ct)
    {
        Directory.CreateDirectory(workFolder);
        var address = new Uri($"http://127.0.0.1:{ServerLauncher.FreePort()}/");
        var process = Process.Start(ServerLauncher.StartInfo(address, workFolder, environment, "Debug", "Release"))
            ?? throw new InvalidOperationException("The worker did not start.");
        var worker = new WorkerProcess(name, process, address);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Worker {name} exited early:\n{worker.Output}");
            try
            {
                using var response = await http.GetAsync(healthPath.TrimStart('/'), ct);
                if (response.IsSuccessStatusCode) return worker;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Worker {name} did not answer {healthPath} within 180 s:\n{worker.Output}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease released, its job left "processing" in the job storage.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync() => await ServerLauncher.StopAsync(_process);
}
