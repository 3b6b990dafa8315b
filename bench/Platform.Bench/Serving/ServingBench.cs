using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Training;
using Platform.Contracts;
using Platform.Ml;

namespace Platform.Bench.Serving;

/// <summary>
/// serving: the default image template trained on the sample dataset, registered and deployed on the real embedded
/// server, then called over HTTP with an endpoint key. Measures deploy-to-serving time, one client's latency against
/// the same package's forward pass in this process (the HTTP path's overhead), and 64 concurrent clients with dynamic
/// batching (batches of up to 32, 5 ms wait) against the same endpoint set to batches of one.
/// </summary>
internal static class ServingBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var clients = BenchOptions.Count(options, "--clients", 64);
        var seconds = BenchOptions.Number(options, "--seconds", 10);
        var trainMinutes = BenchOptions.Number(options, "--train-minutes", 1);
        await using var server = await BenchServer.StartAsync();
        var (modelId, package, image) = await TrainAndRegisterAsync(server, trainMinutes);

        var deploying = Stopwatch.StartNew();
        var endpoint = await server.Client.CreateEndpointAsync(server.Workspace, new CreateEndpointRequest("bench", modelId));
        var key = await server.Client.CreateEndpointKeyAsync(server.Workspace, endpoint.Id, new CreateEndpointKeyRequest("bench"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { instances = new[] { Convert.ToBase64String(image) } }));
        while (!(await PostAsync(http, endpoint.PredictPath, body)).IsSuccessStatusCode) await Task.Delay(20);
        var deployMs = deploying.Elapsed.TotalMilliseconds;

        var forward = InProcess(package, [image], 300);
        var forward32 = InProcess(package, [.. Enumerable.Repeat(image, 32)], 40);
        var single = await LoadAsync(http, endpoint.PredictPath, body, 1, TimeSpan.FromSeconds(Math.Max(3, seconds / 2)));
        var batched = await LoadAsync(http, endpoint.PredictPath, body, clients, TimeSpan.FromSeconds(seconds));
        await server.Client.UpdateEndpointAsync(server.Workspace, endpoint.Id, new UpdateEndpointRequest(MaxBatchSize: 1, MaxWaitMilliseconds: 0));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the serving loader applies the change when the endpoint event wakes it
        var unbatched = await LoadAsync(http, endpoint.PredictPath, body, clients, TimeSpan.FromSeconds(seconds));

        var overhead = Stats.Median(single.Latencies) - Stats.Median(forward);
        BenchTable.Print(
        [
            new("deploy to first answer", Math.Round(deployMs), "ms", "from POST endpoints to the first 200 from predict (load, SHA-256 check, warm-up)"),
            new("forward pass in process, 1 image", Math.Round(Stats.Median(forward), 2), "ms p50", $"p99 {Stats.Percentile(forward, 0.99):0.00} ms; Predictor on the same package in this process"),
            new("forward pass in process, 32 images", Math.Round(32_000 / Stats.Median(forward32)), "images/s", $"p50 {Stats.Median(forward32):0.0} ms a batch: the ceiling for batched serving on this machine"),
            new("batching gain in process", Math.Round(32 * Stats.Median(forward) / Stats.Median(forward32), 2), "×", "images/s in batches of 32 ÷ images/s one at a time: the most batching can give over HTTP here"),
            new("predict over HTTP, 1 client", Math.Round(Stats.Median(single.Latencies), 2), "ms p50", $"p99 {Stats.Percentile(single.Latencies, 0.99):0.00} ms; {single.PerSecond:0} requests/s"),
            new("HTTP path overhead", Math.Round(overhead, 2), "ms p50", "predict over HTTP p50 − forward pass p50 (goal < 2 ms)"),
            new($"{clients} clients, batched", Math.Round(batched.PerSecond), "req/s", $"p50 {Stats.Median(batched.Latencies):0.0} ms, p99 {Stats.Percentile(batched.Latencies, 0.99):0.0} ms; {batched.Failed} failed"),
            new($"{clients} clients, batches of one", Math.Round(unbatched.PerSecond), "req/s", $"p50 {Stats.Median(unbatched.Latencies):0.0} ms, p99 {Stats.Percentile(unbatched.Latencies, 0.99):0.0} ms; {unbatched.Failed} failed"),
            new("batched ÷ batches of one", Math.Round(batched.PerSecond / unbatched.PerSecond, 2), "×", "throughput ratio, same endpoint, same run (goal ≥ 3×)"),
        ]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serving_batched_rps={batched.PerSecond:0} serving_unbatched_rps={unbatched.PerSecond:0} serving_ratio={batched.PerSecond / unbatched.PerSecond:0.00} http_overhead_p50_ms={overhead:0.00} deploy_ms={deployMs:0}"));
        return 0;
    }

    private static async Task<(Guid ModelId, byte[] Package, byte[] Image)> TrainAndRegisterAsync(BenchServer server, double minutes)
    {
        var sample = await server.Client.AddSampleDatasetAsync(server.Workspace);
        var imported = await Datasets.OperationWatch.WaitAsync(server.Client, server.Workspace, sample.Id, TimeSpan.FromMinutes(5));
        if (imported.Operation.State != OperationState.Succeeded) throw new InvalidOperationException($"sample import: {imported.Operation.Message}");
        var dataset = (await server.Client.ListDatasetsAsync(server.Workspace)).Items.Single();
        var started = await server.Client.StartTrainingAsync(server.Workspace,
            new StartTrainingRequest(dataset.Id, dataset.LatestVersion!.Number, TimeBudgetMinutes: minutes, Name: "serving"));
        RunDto run;
        while ((run = await server.Client.GetRunAsync(server.Workspace, started.Id)).Status is RunStatus.Queued or RunStatus.Running) await Task.Delay(1000);
        if (run.Status != RunStatus.Succeeded) throw new InvalidOperationException($"training: {run.Status} {run.Message}");
        var version = await server.Client.RegisterModelVersionAsync(server.Workspace, new RegisterModelVersionRequest(run.Id, "bench"));
        using var response = await server.Client.DownloadModelPackageAsync(server.Workspace, version.ModelId, version.Number);
        var package = await response.Content.ReadAsByteArrayAsync();
        var item = (await server.Client.ListItemsAsync(server.Workspace, dataset.Id, dataset.LatestVersion.Number, limit: 1)).Items[0];
        using var content = await server.Client.Http.GetAsync(PlatformClient.ItemContentUrl(server.Workspace, dataset.Id, dataset.LatestVersion.Number, item.Id));
        return (version.ModelId, package, await content.Content.ReadAsByteArrayAsync());
    }

    private static List<double> InProcess(byte[] package, byte[][] images, int count)
    {
        using var predictor = Predictor.Load(new MemoryStream(package));
        for (var i = 0; i < 5; i++) predictor.PredictImages(images);
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            predictor.PredictImages(images);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return await http.PostAsync(path, content);
    }

    private static async Task<LoadResult> LoadAsync(HttpClient http, string path, byte[] body, int clients, TimeSpan duration)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await PostAsync(http, path, body);
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else Interlocked.Increment(ref failed);
            }
        }));
        return new LoadResult([.. latencies], latencies.Count / clock.Elapsed.TotalSeconds, failed);
    }

    private sealed record LoadResult(List<double> Latencies, double PerSecond, int Failed);
}
