using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Bench.Foundation;
using Platform.Contracts;

namespace Platform.Bench.Training;

/// <summary>
/// A real Platform.Server process on a fresh data folder (SQLite) or a fresh PostgreSQL database, its first
/// administrator signed in with a cookie, one workspace, a workspace token, and an HTTP client on the MLflow routes.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly ServerInstance _server;
    private readonly TempFolder _folder;
    private readonly string? _postgresAdmin;

    private BenchServer(ServerInstance server, TempFolder folder, string? postgresAdmin, string? database)
    {
        _server = server;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
        Database = database;
    }

    public Uri Address => _server.Address;
    public PlatformClient Client { get; private set; } = null!;
    public Guid Workspace { get; private set; }
    public string Token { get; private set; } = "";
    public HttpClient Mlflow { get; private set; } = null!;

    /// <summary>The SQLite file, or the PostgreSQL database's connection string.</summary>
    public string? Database { get; }

    public bool IsPostgres => _postgresAdmin is not null;

    public string SqliteFile => Path.Combine(DataFolder, "platform.db");

    /// <summary>The server's data folder (embedded default): the SQLite file and the object store's objects/ folder.</summary>
    public string DataFolder => Path.Combine(_folder.Path, "data");

    /// <summary>Starts an embedded server (every role) on SQLite, or, with <paramref name="postgresAdmin"/>, on a new database there.</summary>
    public static async Task<BenchServer> StartAsync(string? postgresAdmin = null, IDictionary<string, string>? extra = null)
    {
        var folder = new TempFolder();
        var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>());
        string? database = null;
        if (postgresAdmin is not null)
        {
            var name = $"bench_{Guid.NewGuid():N}";
            await FoundationBench.ExecuteAsync(postgresAdmin, $"CREATE DATABASE \"{name}\"");
            database = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString;
            settings["Platform__Database__Provider"] = "postgres";
            settings["Platform__Database__ConnectionString"] = database;
            settings["Platform__Database__MigrateOnStart"] = "true";
        }
        var server = ServerInstance.Start(folder.Path, settings);
        var bench = new BenchServer(server, folder, postgresAdmin, database);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
            await bench.SignInAsync();
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    private async Task SignInAsync()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromMinutes(10),
        };
        Client = new PlatformClient(http);
        await Client.CreateFirstAdminAsync(new CreateFirstAdminRequest("bench@example.com", "bench-password-1", "Bench"));
        Workspace = (await Client.CreateWorkspaceAsync(new CreateWorkspaceRequest("Training bench"))).Id;
        Token = (await Client.CreateTokenAsync(new CreateApiTokenRequest("bench", 1, Workspace))).Secret;
        Mlflow = new HttpClient { BaseAddress = new Uri(Address, "api/2.0/mlflow/"), Timeout = TimeSpan.FromMinutes(2) };
        Mlflow.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>POSTs a JSON body to an MLflow route and returns the answer; anything but 2xx throws.</summary>
    public async Task<JsonElement> MlflowAsync(string route, object body, CancellationToken ct = default)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await Mlflow.PostAsync(route, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{route}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An MLflow experiment (a Platform experiment) and its id as a Guid.</summary>
    public async Task<Guid> CreateExperimentAsync(string name) =>
        Guid.Parse((await MlflowAsync("experiments/create", new { name })).GetProperty("experiment_id").GetString()!);

    public async Task<Guid> CreateRunAsync(Guid experiment, string name) =>
        Guid.Parse((await MlflowAsync("runs/create", new { experiment_id = experiment.ToString("N"), run_name = name }))
            .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!);

    public async ValueTask DisposeAsync()
    {
        Mlflow?.Dispose();
        await _server.DisposeAsync();
        if (_postgresAdmin is not null && Database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(Database).Database;
            await FoundationBench.ExecuteAsync(_postgresAdmin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        _folder.Dispose();
    }
}
