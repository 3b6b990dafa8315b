using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Bench.Foundation;
using Platform.Contracts;

namespace Platform.Bench.Tracking;

/// <summary>
/// Metric ingest through the MLflow route a client uses: a real server process, a few concurrent clients, each posting
/// runs/log-batch requests of 1,000 points to its own run for a fixed time. SQLite always, PostgreSQL when available.
/// </summary>
internal static class IngestBench
{
    private const int PointsPerRequest = 1000;

    public static async Task<int> RunAsync(string[] options)
    {
        var seconds = Option(options, "--seconds", 10);
        var clients = Option(options, "--clients", 4);
        var rows = new List<BenchRow>();
        using (var folder = new TempFolder())
            rows.Add(await MeasureAsync("SQLite", folder.Path, new Dictionary<string, string>(), seconds, clients));

        var postgres = FoundationBench.PostgresForBench();
        if (postgres is null) rows.Add(new BenchRow("metric ingest, PostgreSQL", double.NaN, "points/s", "skipped: run .ci/start-services.sh first"));
        else
        {
            var database = $"bench_{Guid.NewGuid():N}";
            await FoundationBench.ExecuteAsync(postgres, $"CREATE DATABASE \"{database}\"");
            try
            {
                var settings = new Dictionary<string, string>
                {
                    ["Platform__Database__Provider"] = "postgres",
                    ["Platform__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString,
                    ["Platform__Database__MigrateOnStart"] = "true",
                    ["Platform__Roles"] = "api",
                };
                using var folder = new TempFolder();
                rows.Add(await MeasureAsync("PostgreSQL", folder.Path, settings, seconds, clients));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await FoundationBench.ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }
        BenchTable.Print(rows);
        return 0;
    }

    private static async Task<BenchRow> MeasureAsync(string provider, string folder, Dictionary<string, string> settings, int seconds, int clients)
    {
        await using var server = ServerInstance.Start(folder, settings);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var admin = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Address });
        await admin.CreateFirstAdminAsync(new CreateFirstAdminRequest("bench@example.com", "bench-password-1", "Bench"));
        var workspace = await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Ingest bench"));
        var token = await admin.CreateTokenAsync(new CreateApiTokenRequest("ingest", 1, workspace.Id));

        using var http = new HttpClient { BaseAddress = new Uri(server.Address, "api/2.0/mlflow/"), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        var experiment = (await PostAsync(http, "experiments/create", new { name = "ingest" })).GetProperty("experiment_id").GetString();
        var runs = new List<string>();
        for (var i = 0; i < clients; i++)
            runs.Add((await PostAsync(http, "runs/create", new { experiment_id = experiment, run_name = $"client-{i}" })).GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!);

        await IngestAsync(http, runs, TimeSpan.FromSeconds(1), []); // warm-up, not counted
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        var points = await IngestAsync(http, runs, TimeSpan.FromSeconds(seconds), latencies);
        var rate = points / clock.Elapsed.TotalSeconds;
        return new BenchRow($"metric ingest, {provider}", Math.Round(rate), "points/s",
            $"{clients} clients x runs/log-batch of {PointsPerRequest}; {points:N0} points in {clock.Elapsed.TotalSeconds:0.0} s; request p50 {Stats.Median(latencies):0} ms, p95 {Stats.Percentile(latencies, 0.95):0} ms");
    }

    private static async Task<long> IngestAsync(HttpClient http, IReadOnlyList<string> runs, TimeSpan duration, List<double> latencies)
    {
        var deadline = Stopwatch.StartNew();
        var tasks = runs.Select(async (runId, client) =>
        {
            long written = 0, step = 0;
            var local = new List<double>();
            while (deadline.Elapsed < duration)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var metrics = Enumerable.Range(0, PointsPerRequest)
                    .Select(i => new { key = $"m{i % 10}", value = Math.Sin(step + i), timestamp = now, step = step + i / 10 }).ToArray();
                var request = Stopwatch.StartNew();
                await PostAsync(http, "runs/log-batch", new { run_id = runId, metrics });
                local.Add(request.Elapsed.TotalMilliseconds);
                written += PointsPerRequest;
                step += PointsPerRequest / 10;
            }
            lock (latencies) latencies.AddRange(local);
            return written;
        }).ToList();
        return (await Task.WhenAll(tasks)).Sum();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string route, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(route, content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{route}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int Option(string[] options, string name, int fallback)
    {
        var at = Array.IndexOf(options, name);
        return at >= 0 && at + 1 < options.Length && int.TryParse(options[at + 1], out var value) ? value : fallback;
    }
}
