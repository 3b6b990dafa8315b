using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Datasets;
using Platform.Contracts;

namespace Platform.Bench.Training;

/// <summary>
/// product-quality: the same labeled set through the product and through the core. Product: the set uploaded (images as
/// a zip of train/ and test/ class folders, texts and tables as their file) and imported through the API of a real
/// embedded server, then a run started with no template and no settings (<c>--minutes M</c>, default 30) and its
/// evaluation's test score. Core: <c>quality</c>'s code path in this process on the same set, after the server has stopped.
/// </summary>
internal static class ProductQualityBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var minutes = BenchOptions.Number(options, "--minutes", 30);
        var wall = Stopwatch.StartNew();
        var set = await QualitySet.LoadAsync(options);
        CoreQuality.Log(wall, set.Description);
        using var folder = new TempFolder();
        var upload = set.WriteUpload(folder.Path);
        CoreQuality.Log(wall, $"upload {upload} ({new FileInfo(upload).Length / 1e6:0.0} MB)");

        var product = options.Contains("--core-only") ? null : await ProductAsync(upload, minutes, wall);
        QualityResult? core = null;
        if (!options.Contains("--product-only"))
        {
            CoreQuality.Log(wall, "core: quality's code path on the same set");
            core = await CoreQuality.TrainAsync(set, minutes, Stopwatch.StartNew());
        }

        BenchTable.Print(Rows(set, minutes, product, core));
        Console.WriteLine(Line(minutes, product, core));
        return 0;
    }

    private static List<BenchRow> Rows(QualitySet set, double minutes, QualityResult? product, QualityResult? core)
    {
        var score = CoreQuality.ScoreName(set.Template);
        var images = set.DataFile is null;
        var rows = new List<BenchRow>();
        void Add(string side, QualityResult result, string detail)
        {
            rows.Add(new BenchRow($"{side}: test {score}", Math.Round(result.Score, 4), score, $"{detail}; {result.TestCount:N0} test items; {result.Steps:N0} steps, {result.Epochs:0.#} epochs, {result.Minutes:0.00} min"));
            rows.Add(images
                ? new BenchRow($"{side}: training images/s", Math.Round(result.ImagesPerSecond), "images/s", $"steps x {CoreQuality.DefaultBatch} between the first and last train_loss points")
                : new BenchRow($"{side}: training steps/s", Math.Round(result.StepsPerSecond, 2), "steps/s", "between the first and last train_loss points"));
        }
        if (product is not null) Add("product", product, $"{set.Template}, {minutes} min budget, no settings, run from start to finish (import not counted); validation, checkpoints and metric streaming included");
        if (core is not null) Add("core (quality)", core, "the same template and budget in this process");
        if (product is not null && core is not null)
        {
            rows.Add(new BenchRow($"{score}, product - core", Math.Round(product.Score - core.Score, 4), "", "goal: within 0.005"));
            rows.Add(new BenchRow("training speed, product / core", Math.Round(product.StepsPerSecond / core.StepsPerSecond, 3), "ratio", "goal: >= 0.97"));
        }
        return rows;
    }

    private static string Line(double minutes, QualityResult? product, QualityResult? core)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"minutes={minutes}");
        if (product is not null) line += string.Create(CultureInfo.InvariantCulture, $" product_score={product.Score:0.0000} product_steps_per_second={product.StepsPerSecond:0.00}");
        if (core is not null) line += string.Create(CultureInfo.InvariantCulture, $" core_score={core.Score:0.0000} core_steps_per_second={core.StepsPerSecond:0.00}");
        if (product is not null && core is not null)
            line += string.Create(CultureInfo.InvariantCulture, $" score_difference={product.Score - core.Score:0.0000} speed_ratio={product.StepsPerSecond / core.StepsPerSecond:0.000}");
        return line;
    }

    private static async Task<QualityResult> ProductAsync(string uploadPath, double minutes, Stopwatch wall)
    {
        await using var server = await BenchServer.StartAsync();
        var client = server.Client;
        var ws = server.Workspace;
        var dataset = await client.CreateDatasetAsync(ws, new CreateDatasetRequest("quality"));
        UploadDto upload;
        await using (var file = File.OpenRead(uploadPath)) upload = await client.UploadAsync(ws, file, Path.GetFileName(uploadPath));
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
        if (loss.Count < 2) CoreQuality.Log(wall, $"product: {loss.Count} train_loss points (series: {string.Join(", ", series.Select(s => $"{s.Name} {s.TotalPoints}"))}); speed not measured");
        var rate = loss.Count < 2 ? 0 : (loss[^1].Step - loss[0].Step) / ((loss[^1].Timestamp - loss[0].Timestamp) / 1000.0);
        var runMinutes = (run.FinishedAt!.Value - run.StartedAt!.Value).TotalMinutes;
        var score = evaluation.Accuracy ?? evaluation.RSquared ?? double.NaN;
        CoreQuality.Log(wall, $"product: {run.Message}; evaluation on {evaluation.Split} ({evaluation.Count} items): {score:0.0000}");
        if (!string.Equals(evaluation.Split, "test", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"the run was evaluated on '{evaluation.Split}', not on the test split");
        return new QualityResult(score, runMinutes, rate, run.Step, run.Epoch, evaluation.Count);
    }
}
