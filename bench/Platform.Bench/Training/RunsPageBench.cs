using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Foundation;

namespace Platform.Bench.Training;

/// <summary>
/// runs-page: an experiment of N runs (default 100,000), each with parameters and a few metric series, seeded straight
/// into the server's database; then the experiment's runs table, first page of 50 (GET experiments/{id}/runs?limit=50),
/// requested one after another on the real server process. SQLite, and PostgreSQL when available.
/// </summary>
internal static class RunsPageBench
{
    private static readonly string[] MetricNames = ["train_loss", "val_accuracy", "learning_rate"];

    public static async Task<int> RunAsync(string[] options)
    {
        var runs = BenchOptions.Count(options, "--runs", 100_000);
        var steps = BenchOptions.Count(options, "--steps", 5);
        var requests = BenchOptions.Count(options, "--requests", 50);
        var limit = BenchOptions.Count(options, "--limit", 50);
        var rows = new List<BenchRow>();
        var p95s = new List<string>();
        await using (var server = await BenchServer.StartAsync())
            rows.AddRange(await MeasureAsync(server, "SQLite", runs, steps, requests, limit, p95s));

        var postgres = FoundationBench.PostgresForBench();
        if (postgres is null || options.Contains("--no-postgres"))
            rows.Add(new BenchRow("runs first page, PostgreSQL", double.NaN, "ms", "skipped: run .ci/start-services.sh or set PLATFORM_TEST_POSTGRES"));
        else
        {
            await using var server = await BenchServer.StartAsync(postgres, new Dictionary<string, string> { ["Platform__Roles"] = "api" });
            rows.AddRange(await MeasureAsync(server, "PostgreSQL", runs, steps, requests, limit, p95s));
        }
        BenchTable.Print(rows);
        Console.WriteLine($"runs={runs} limit={limit} {string.Join(" ", p95s)}");
        return 0;
    }

    private static async Task<List<BenchRow>> MeasureAsync(BenchServer server, string provider, int runs, int steps, int requests, int limit, List<string> p95s)
    {
        var experiment = await server.CreateExperimentAsync("runs-page");
        var template = await server.CreateRunAsync(experiment, "template");
        await LogTemplateAsync(server, template, steps);
        // The template is the only run so far: the seeder copies it (row, parameters, metric points) N-1 times.
        var seeding = await RunSeeder.SeedAsync(server, template, runs - 1);
        Console.WriteLine($"[{provider}] seeded {runs - 1:N0} runs x ({MetricNames.Length * steps} metric points + 4 params) in {seeding.TotalSeconds:0.0} s");

        var first = await server.Client.ListRunsAsync(server.Workspace, experiment, limit: limit);
        if (first.Items.Count != limit || first.Items[0].Metrics.Count != MetricNames.Length || first.Items[0].Params.Count != 4)
            throw new InvalidOperationException($"unexpected first page: {first.Items.Count} runs, {first.Items.FirstOrDefault()?.Metrics.Count} metrics");
        var rows = new List<BenchRow>();
        var firstPage = await TimeAsync(requests, () => server.Client.ListRunsAsync(server.Workspace, experiment, limit: limit));
        rows.Add(Row($"runs first page, {provider}", firstPage, runs, limit, "no filter"));
        p95s.Add(string.Create(CultureInfo.InvariantCulture, $"{provider.ToLowerInvariant()}_p50_ms={Stats.Median(firstPage):0.0} {provider.ToLowerInvariant()}_p95_ms={Stats.Percentile(firstPage, 0.95):0.0}"));

        // A later page (through the keyset cursor) and the status filter.
        var deep = first.NextCursor;
        var page = 2;
        for (var i = 0; i < Math.Min(20, runs / limit / 2) && deep is not null; i++, page++)
            deep = (await server.Client.ListRunsAsync(server.Workspace, experiment, cursor: deep, limit: limit)).NextCursor;
        var deepPage = await TimeAsync(Math.Max(5, requests / 2), () => server.Client.ListRunsAsync(server.Workspace, experiment, cursor: deep, limit: limit));
        rows.Add(Row($"runs page {page}, {provider}", deepPage, runs, limit, "keyset cursor"));
        var filtered = await TimeAsync(Math.Max(5, requests / 2), () => server.Client.ListRunsAsync(server.Workspace, experiment, limit: limit, status: Contracts.RunStatus.Succeeded));
        rows.Add(Row($"runs first page, status=Succeeded, {provider}", filtered, runs, limit, "every run Succeeded"));
        return rows;
    }

    /// <summary>Four parameters and <paramref name="steps"/> points of three metrics, then the run ends (FINISHED: Succeeded).</summary>
    private static async Task LogTemplateAsync(BenchServer server, Guid run, int steps)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var metrics = Enumerable.Range(0, steps).SelectMany(step => MetricNames.Select((name, k) =>
            new { key = name, value = k == 0 ? 2.0 / (step + 1) : k == 1 ? 0.5 + step * 0.05 : 0.1 / (step + 1), timestamp = now + step * 1000, step }))
            .ToArray();
        var @params = new[] { ("lr", "0.1"), ("batch_size", "128"), ("optimizer", "sgd"), ("seed", "42") }
            .Select(p => new { key = p.Item1, value = p.Item2 }).ToArray();
        await server.MlflowAsync("runs/log-batch", new { run_id = run.ToString("N"), metrics, @params });
        await server.MlflowAsync("runs/update", new { run_id = run.ToString("N"), status = "FINISHED", end_time = now + steps * 1000 });
    }

    private static async Task<List<double>> TimeAsync<T>(int requests, Func<Task<T>> request)
    {
        for (var i = 0; i < 3; i++) await request();
        var latencies = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await request();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static BenchRow Row(string name, List<double> latencies, int runs, int limit, string what) =>
        new(name, Math.Round(Stats.Percentile(latencies, 0.95), 1), "ms p95",
            $"{runs:N0} runs in one experiment, limit {limit}, {what}; {latencies.Count} requests one after another (after 3 warm-ups): p50 {Stats.Median(latencies):0.0} ms, p95 {Stats.Percentile(latencies, 0.95):0.0} ms, max {latencies.Max():0.0} ms");
}
