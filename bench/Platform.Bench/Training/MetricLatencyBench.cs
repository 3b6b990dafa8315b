using System.Diagnostics;
using System.Globalization;
using Platform.Contracts;

namespace Platform.Bench.Training;

/// <summary>
/// metric-latency: how long a metric point takes to reach an open run page, on the real embedded server (SQLite).
/// (1) MLflow log-batch: one point per request from a separate HTTP client; from the request being sent to the
/// hub's run.metrics event, and to the point being read back with afterId. (2) A training run on the worker (the
/// sample dataset, 1-minute budget): from each point's timestamp (stamped when the training thread reports it) to
/// the event and to the read that returns it.
/// </summary>
internal static class MetricLatencyBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var samples = BenchOptions.Count(options, "--samples", 200);
        var trainMinutes = BenchOptions.Number(options, "--train-minutes", 1);
        var rows = new List<BenchRow>();
        await using var server = await BenchServer.StartAsync();
        var (eventMs, readMs, ackMs) = await LogBatchAsync(server, samples);
        rows.Add(Row("metric to hub event, MLflow log-batch", eventMs, $"from sending log-batch (1 point) to the run.metrics event on a WebSocket hub client; log-batch answered: p50 {Stats.Median(ackMs):0.0} ms, p95 {Stats.Percentile(ackMs, 0.95):0.0} ms"));
        rows.Add(Row("metric to chart, MLflow log-batch", readMs, "from sending log-batch to the point read back by GET metrics?afterId= issued on the event (what the run page does)"));
        var line = string.Create(CultureInfo.InvariantCulture, $"logbatch_event_p95_ms={Stats.Percentile(eventMs, 0.95):0.0} logbatch_read_p95_ms={Stats.Percentile(readMs, 0.95):0.0}");
        if (trainMinutes > 0)
        {
            var (workerEvent, workerRead) = await WorkerAsync(server, trainMinutes);
            rows.Add(Row("metric to hub event, training run", workerEvent, "from the point's timestamp (stamped when the training thread reports it; the recorder writes what is queued and then publishes) to the event"));
            rows.Add(Row("metric to chart, training run", workerRead, "from the point's timestamp to the read (afterId) issued on the event that returned it"));
            line += string.Create(CultureInfo.InvariantCulture, $" worker_event_p95_ms={Stats.Percentile(workerEvent, 0.95):0.0} worker_read_p95_ms={Stats.Percentile(workerRead, 0.95):0.0}");
        }
        BenchTable.Print(rows);
        Console.WriteLine(line);
        return 0;
    }

    private static async Task<(List<double> Event, List<double> Read, List<double> Ack)> LogBatchAsync(BenchServer server, int samples)
    {
        var experiment = await server.CreateExperimentAsync("metric-latency");
        var run = await server.CreateRunAsync(experiment, "latency");
        await using var watch = await LiveMetricWatch.StartAsync(server, run);
        var (events, reads, acks) = (new List<double>(), new List<double>(), new List<double>());
        var random = new Random(7);
        const int warmUp = 5;
        for (var i = 0; i < samples + warmUp; i++)
        {
            watch.Drain();
            var sent = Stopwatch.GetTimestamp();
            var post = server.MlflowAsync("runs/log-batch", new
            {
                run_id = run.ToString("N"),
                metrics = new[] { new { key = "latency_probe", value = (double)i, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), step = (long)i } },
            }).ContinueWith(t => { t.GetAwaiter().GetResult(); return Stopwatch.GetElapsedTime(sent).TotalMilliseconds; });
            double? eventMs = null, readMs = null;
            while (readMs is null)
            {
                var arrived = await watch.NextEventAsync(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"no run.metrics event for point {i}");
                eventMs ??= Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds;
                var metrics = await watch.ReadNewAsync();
                if (metrics.Series.Any(s => s.Name == "latency_probe" && s.Points.Any(p => p.Step == i)))
                    readMs = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
            var ackMs = await post;
            if (i >= warmUp)
            {
                events.Add(eventMs!.Value);
                reads.Add(readMs.Value);
                acks.Add(ackMs);
            }
            await Task.Delay(random.Next(20, 120)); // not in step with anything on the server
        }
        return (events, reads, acks);
    }

    private static async Task<(List<double> Event, List<double> Read)> WorkerAsync(BenchServer server, double minutes)
    {
        var sample = await server.Client.AddSampleDatasetAsync(server.Workspace);
        var imported = await Datasets.OperationWatch.WaitAsync(server.Client, server.Workspace, sample.Id, TimeSpan.FromMinutes(5));
        if (imported.Operation.State != OperationState.Succeeded) throw new InvalidOperationException($"sample import: {imported.Operation.Message}");
        var dataset = (await server.Client.ListDatasetsAsync(server.Workspace)).Items.Single();
        var started = await server.Client.StartTrainingAsync(server.Workspace,
            new StartTrainingRequest(dataset.Id, dataset.LatestVersion!.Number, TimeBudgetMinutes: minutes, Name: "latency"));
        await using var watch = await LiveMetricWatch.StartAsync(server, started.Id);
        var (events, reads) = (new List<double>(), new List<double>());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(minutes + 3))
        {
            var arrived = await watch.NextEventAsync(TimeSpan.FromSeconds(2));
            if (arrived is null)
            {
                var run = await server.Client.GetRunAsync(server.Workspace, started.Id);
                if (run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled) break;
                continue;
            }
            // The arrival on this machine's wall clock, the clock the worker stamped the points with.
            var arrivedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - Stopwatch.GetElapsedTime(arrived.Value).TotalMilliseconds;
            var metrics = await watch.ReadNewAsync();
            var readUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var point in metrics.Series.SelectMany(s => s.Points))
            {
                // A point stored after this event was sent (read early) counts from its own event: skip the event side.
                if (point.Timestamp <= arrivedUnixMs) events.Add(arrivedUnixMs - point.Timestamp);
                reads.Add(readUnixMs - point.Timestamp);
            }
        }
        if (reads.Count == 0) throw new InvalidOperationException("the training run logged no metric points");
        return (events, reads);
    }

    private static BenchRow Row(string name, List<double> values, string what) =>
        new(name, Math.Round(Stats.Percentile(values, 0.95), 1), "ms p95",
            $"{values.Count} samples: p50 {Stats.Median(values):0.0} ms, p95 {Stats.Percentile(values, 0.95):0.0} ms, max {values.Max():0.0} ms; {what}");
}
