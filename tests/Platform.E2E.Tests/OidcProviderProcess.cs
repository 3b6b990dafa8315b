using System.Diagnostics;
using System.Text;

namespace Platform.E2E.Tests;

/// <summary>A real OpenID provider (oidc-provider on Node, see oidc/provider.mjs) on a free loopback port.</summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "platform";
    public const string ClientSecret = "platform-e2e-secret";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OidcProviderProcess(Process process, Uri authority)
    {
        _process = process;
        Authority = authority;
    }

    public Uri Authority { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<OidcProviderProcess> StartAsync(Uri redirectUri, CancellationToken ct)
    {
        var folder = ProviderFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            throw new InvalidOperationException("Run .ci/install-oidc-provider.sh first: oidc-provider is not installed in " + folder);
        var port = ServerProcess.FreePort();
        var info = new ProcessStartInfo("node", ["provider.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), redirectUri.ToString()])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var provider = new OidcProviderProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => provider.Append(e.Data);
        process.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        process.Exited += (_, _) => provider._ready.TrySetException(new InvalidOperationException($"The provider exited early:\n{provider.Output}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await provider._ready.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return provider;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Trim() == "ready") _ready.TrySetResult();
    }

    private static string ProviderFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Platform.E2E.Tests", "oidc");
            if (File.Exists(Path.Combine(candidate, "provider.mjs"))) return candidate;
        }
        throw new FileNotFoundException("tests/Platform.E2E.Tests/oidc/provider.mjs was not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
