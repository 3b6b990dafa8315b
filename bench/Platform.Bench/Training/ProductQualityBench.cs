using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Datasets;
using Platform.Contracts;

namespace Platform.Bench.Training;

/// <summary>
/// product-quality: the same labeled images through the product and through the core. Product: a zip of
/// train/ and test/ class folders uploaded and imported through the API of a real embedded server, then a run started
/// with no settings (<c>--minutes M</c>, default 30) and its evaluation's test accuracy. Core: <c>quality</c>'s code path
/// in this process on the same images, after the server has stopped.
/// </summary>
internal static class ProductQualityBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        string? Option(string name) => Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
        var minutes = BenchOptions.Number(options, "--minutes", 30);
        var wall = Stopwatch.StartNew();
        var (items, description) = QualityItems.Load(Option("--train"), Option("--test"), BenchOptions.Count(options, "--samples-per-class", 700));
        CoreQuality.Log(wall, description);
        using var folder = new TempFolder();
        var zip = Path.Combine(folder.Path, "images.zip");
        QualityItems.WriteZip(items, zip);
        CoreQuality.Log(wall, $"wrote {zip} ({new FileInfo(zip).Length / 1e6:0.0} MB)");

        var product = options.Contains("--core-only") ? null : await ProductAsync(zip, minutes, wall);
        File.Delete(zip);
        QualityResult? core = null;
        if (!options.Contains("--product-only"))
        {
            CoreQuality.Log(wall, "core: quality's code path on the same images");
            core = await CoreQuality.TrainAsync(items, minutes, Stopwatch.StartNew());
        }

        var rows = new List<BenchRow>();
        if (product is not null)
        {
            rows.Add(new BenchRow("product: test accuracy", Math.Round(product.Accuracy, 4), "accuracy",
                $"default run, {minutes} min budget, no settings; {product.TestCount:N0} test images; {product.Steps:N0} steps, {product.Epochs:0.#} epochs, run {product.Minutes:0.00} min from start to finish (import not counted)"));
            rows.Add(new BenchRow("product: training images/s", Math.Round(product.ImagesPerSecond), "images/s",
                $"steps x {CoreQuality.DefaultBatch} between the first and last train_loss points (worker timestamps): validation, checkpoints and metric streaming included"));
        }
        if (core is not null)
        {
            rows.Add(new BenchRow("core (quality): test accuracy", Math.Round(core.Accuracy, 4), "accuracy",
                $"{core.TestCount:N0} test images; {core.Steps:N0} steps, {core.Epochs:0.#} epochs, {core.Minutes:0.00} min"));
            rows.Add(new BenchRow("core (quality): training images/s", Math.Round(core.ImagesPerSecond), "images/s", "the same measure on the core's train_loss reports"));
        }
        var line = string.Create(CultureInfo.InvariantCulture, $"minutes={minutes}");
        if (product is not null && core is not null)
        {
            rows.Add(new BenchRow("accuracy, product - core", Math.Round(product.Accuracy - core.Accuracy, 4), "", "goal: within 0.005"));
            rows.Add(new BenchRow("images/s, product / core", Math.Round(product.ImagesPerSecond / core.ImagesPerSecond, 3), "ratio", "goal: >= 0.97"));
        }
        if (product is not null) line += string.Create(CultureInfo.InvariantCulture, $" product_accuracy={product.Accuracy:0.0000} product_images_per_second={product.ImagesPerSecond:0}");
        if (core is not null) line += string.Create(CultureInfo.InvariantCulture, $" core_accuracy={core.Accuracy:0.0000} core_images_per_second={core.ImagesPerSecond:0}");
        if (product is not null && core is not null)
            line += string.Create(CultureInfo.InvariantCulture, $" accuracy_difference={product.Accuracy - core.Accuracy:0.0000} throughput_ratio={product.ImagesPerSecond / core.ImagesPerSecond:0.000}");
        BenchTable.Print(rows);
        Console.WriteLine(line);
        return 0;
    }

    private static async Task<QualityResult> ProductAsync(string zip, double minutes, Stopwatch wall)
    {
        await using var server = await BenchServer.StartAsync();
        var client = server.Client;
        var ws = server.Workspace;
        var dataset = await client.CreateDatasetAsync(ws, new CreateDatasetRequest("quality"));
        UploadDto upload;
        await using (var file = File.OpenRead(zip)) upload = await client.UploadAsync(ws, file, "images.zip");
        var started = await client.StartImportAsync(ws, dataset.Id, new StartImportRequest([upload.Id]));
        var (import, _) = await OperationWatch.WaitAsync(client, ws, started.Id, TimeSpan.FromMinutes(30));
        if (import.State != OperationState.Succeeded) throw new InvalidOperationException($"import {import.State}: {import.Message}");
        var version = (await client.GetDatasetAsync(ws, dataset.Id)).LatestVersion!;
        CoreQuality.Log(wall, $"product: imported version {version.Number}, {version.ItemCount:N0} items ({import.Message})");

        var run = await client.StartTrainingAsync(ws, new StartTrainingRequest(dataset.Id, version.Number, TimeBudgetMinutes: minutes, Name: "product-quality"));
        CoreQuality.Log(wall, $"product: run {run.Id} queued ({run.Template}, queue {run.Queue})");
        var deadline = Stopwatch.StartNew();
        while (run.Status is RunStatus.Queued or RunStatus.Running)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(minutes + 15)) throw new TimeoutException($"the run is still {run.Status} after {deadline.Elapsed.TotalMinutes:0} min");
            await Task.Delay(TimeSpan.FromSeconds(5));
            run = await client.GetRunAsync(ws, run.Id);
        }
        if (run.Status != RunStatus.Succeeded) throw new InvalidOperationException($"the run ended {run.Status}: {run.Message}");
        var evaluation = await client.GetRunEvaluationAsync(ws, run.Id);
        var series = (await client.GetRunMetricsAsync(ws, run.Id, maxPoints: 10_000)).Series;
        var loss = series.FirstOrDefault(s => s.Name == "train_loss")?.Points ?? [];
        if (loss.Count < 2) CoreQuality.Log(wall, $"product: {loss.Count} train_loss points (series: {string.Join(", ", series.Select(s => $"{s.Name} {s.TotalPoints}"))}); images/s not measured");
        var rate = loss.Count < 2 ? 0 : (loss[^1].Step - loss[0].Step) * (double)CoreQuality.DefaultBatch / ((loss[^1].Timestamp - loss[0].Timestamp) / 1000.0);
        var runMinutes = (run.FinishedAt!.Value - run.StartedAt!.Value).TotalMinutes;
        CoreQuality.Log(wall, $"product: {run.Message}; evaluation on {evaluation.Split} ({evaluation.Count} items): accuracy {evaluation.Accuracy:0.0000}");
        if (!string.Equals(evaluation.Split, "test", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"the run was evaluated on '{evaluation.Split}', not on the test split");
        return new QualityResult(evaluation.Accuracy ?? double.NaN, runMinutes, rate, run.Step, run.Epoch, evaluation.Count);
    }
}
