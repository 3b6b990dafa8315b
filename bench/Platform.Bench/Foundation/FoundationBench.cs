using System.Diagnostics;
using System.Net;
using Npgsql;
using Platform.Contracts;

namespace Platform.Bench.Foundation;

/// <summary>
/// Embedded start to /health/ready, and enqueue-to-job-start latency in-process (embedded) and with a separate
/// worker process on PostgreSQL (Hangfire long polling).
/// </summary>
internal static class FoundationBench
{
    private const int StartRuns = 3;
    private const int JobRuns = 20;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync()
    {
        var rows = new List<BenchRow>();
        var starts = new List<double>();
        for (var i = 0; i < StartRuns; i++)
        {
            using var folder = new TempFolder();
            var clock = Stopwatch.StartNew();
            await using var server = ServerInstance.Start(folder.Path, new Dictionary<string, string>());
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            starts.Add(clock.Elapsed.TotalMilliseconds);
        }
        rows.Add(new BenchRow("embedded start to /health/ready", Stats.Median(starts), "ms", $"median of {StartRuns}, fresh data folder (includes migration)"));

        using (var folder = new TempFolder())
        {
            await using var server = ServerInstance.Start(folder.Path, new Dictionary<string, string>());
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            var latencies = await MeasureJobStartsAsync(server.Address, firstAdmin: true);
            rows.Add(new BenchRow("enqueue to job start, in-process", Stats.Median(latencies), "ms", $"median of {JobRuns}; p95 {Stats.Percentile(latencies, 0.95):0.#} ms"));
        }

        var postgres = PostgresForBench();
        if (postgres is null)
        {
            rows.Add(new BenchRow("enqueue to job start, separate worker (PostgreSQL)", double.NaN, "ms", "skipped: run .ci/start-services.sh first"));
            return rows;
        }
        var database = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(postgres, $"CREATE DATABASE \"{database}\"");
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
            var shared = new Dictionary<string, string>
            {
                ["Platform__Database__Provider"] = "postgres",
                ["Platform__Database__ConnectionString"] = cs,
                ["Platform__Database__MigrateOnStart"] = "true",
            };
            using var folder = new TempFolder();
            await using var api = ServerInstance.Start(folder.Path, new Dictionary<string, string>(shared) { ["Platform__Roles"] = "api" });
            await api.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await using var worker = ServerInstance.Start(folder.Path, new Dictionary<string, string>(shared) { ["Platform__Roles"] = "worker" });
            await worker.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(1000);
            var latencies = await MeasureJobStartsAsync(api.Address, firstAdmin: true);
            rows.Add(new BenchRow("enqueue to job start, separate worker (PostgreSQL)", Stats.Median(latencies), "ms", $"median of {JobRuns}; p95 {Stats.Percentile(latencies, 0.95):0.#} ms; long polling"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        return rows;
    }

    /// <summary>Server-side times: the operation's StartedAt minus its CreatedAt, one job at a time.</summary>
    private static async Task<List<double>> MeasureJobStartsAsync(Uri address, bool firstAdmin)
    {
        var client = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address });
        if (firstAdmin) await client.CreateFirstAdminAsync(new CreateFirstAdminRequest("bench@example.com", "bench-password-1", "Bench"));
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest("Bench"));
        var latencies = new List<double>();
        for (var i = 0; i < JobRuns + 2; i++)
        {
            var operation = await client.StartSystemCheckAsync(workspace.Id);
            OperationDto done;
            do
            {
                await Task.Delay(20);
                done = await client.GetOperationAsync(workspace.Id, operation.Id);
            } while (done.State is OperationState.Queued or OperationState.Running);
            if (done.State != OperationState.Succeeded) throw new InvalidOperationException($"System check {done.State}: {done.Message}");
            if (i >= 2) latencies.Add((done.StartedAt!.Value - done.CreatedAt).TotalMilliseconds); // two warm-up runs
        }
        return latencies;
    }

    internal static string? PostgresForBench()
    {
        var value = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(value)) return value;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".tmp", "test-services.env");
            if (!File.Exists(file)) continue;
            var line = File.ReadLines(file).FirstOrDefault(l => l.Contains("PLATFORM_TEST_POSTGRES="));
            return line?.Split('=', 2)[1].Trim('"');
        }
        return null;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
