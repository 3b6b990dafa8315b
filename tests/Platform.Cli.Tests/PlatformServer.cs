using System.Diagnostics;
using System.Net;
using System.Text;
using Platform.Contracts;
using Platform.Shared;
using Xunit;

[assembly: AssemblyFixture(typeof(Platform.Cli.Tests.PlatformServer))]

namespace Platform.Cli.Tests;

/// <summary>
/// One real Server process for every CLI test, with a seeded administrator, a workspace and an API token the CLI
/// signs in with.
/// </summary>
public sealed class PlatformServer : IAsyncLifetime
{
    public const string AdminEmail = "cli-admin@example.com";
    private const string AdminPassword = "Cli-tests-password-1";
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri Address { get; } = new($"http://127.0.0.1:{ServerLauncher.FreePort()}/");
    public string Folder { get; } = Directory.CreateTempSubdirectory("platform-cli-").FullName;
    public PlatformClient Admin { get; private set; } = null!;
    public WorkspaceDto Workspace { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public string Output { get { lock (_output) return _output.ToString(); } }

    public async ValueTask InitializeAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        var info = ServerLauncher.StartInfo(Address, Folder, new Dictionary<string, string>
        {
            ["Platform__Admin__Email"] = AdminEmail,
            ["Platform__Admin__Password"] = AdminPassword,
        }, configuration);
        _process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();

        Admin = new PlatformClient(new HttpClient { BaseAddress = Address });
        await Admin.SignInAsync(new SignInRequest(AdminEmail, AdminPassword));
        Workspace = await Admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Vision"));
        Token = (await Admin.CreateTokenAsync(new CreateApiTokenRequest("cli tests", 1))).Secret;
    }

    /// <summary>A new config file (not yet written) in its own folder, as a fresh user's machine has.</summary>
    public string NewConfigPath() => Path.Combine(NewFolder("config"), "platform", "config.json");

    /// <summary>A new folder under the server's temporary folder, deleted with it when the tests end.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Folder, "tests", $"{name}-{Guid.NewGuid():N}")).FullName;

    /// <summary>A config file already signed in to this server with the test token and workspace.</summary>
    public async Task<string> SignedInConfigAsync()
    {
        var config = NewConfigPath();
        var login = await Cli.RunAsync(config, ["login", Address.ToString(), "--token-stdin", "--workspace", Workspace.Name], stdin: Token);
        login.ShouldSucceed();
        return config;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The server exited early:\n{Output}");
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server was not ready within 90 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await ServerLauncher.StopAsync(_process);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
