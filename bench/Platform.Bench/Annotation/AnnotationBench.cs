using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Platform.Bench.Datasets;
using Platform.Contracts;
using SkiaSharp;

namespace Platform.Bench.Annotation;

/// <summary>
/// annotation: the embedded server with an unlabeled set of N small images. Measures creating a project over all of
/// them, handing out batches, an annotator's autosave one item after another (the goal: p95 under 150 ms), a save of
/// an image with many boxes, a reviewer's decision, and writing the labels as a new version.
/// </summary>
internal static class AnnotationBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var items = BenchOptions.Count(options, "--items", 10_000);
        var saves = BenchOptions.Count(options, "--saves", 500);
        var boxes = BenchOptions.Count(options, "--boxes", 500);
        using var folder = new TempFolder();
        var zip = Path.Combine(folder.Path, "unlabeled.zip");
        WriteUnlabeledZip(zip, items);
        await using var bench = await BenchWorkspace.StartAsync(Directory.CreateDirectory(Path.Combine(folder.Path, "data")).FullName);
        var (client, ws) = (bench.Client, bench.Id);
        var import = await bench.ImportAsync(zip, "unlabeled");
        if (import.Operation.State != OperationState.Succeeded) throw new InvalidOperationException($"import: {import.Operation.Message}");

        var creating = Stopwatch.StartNew();
        var project = await client.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("bench", import.Dataset.Id, 1, [new("even"), new("odd")]));
        var createMs = creating.Elapsed.TotalMilliseconds;

        var batchLatencies = new List<double>();
        var saveLatencies = new List<double>();
        var done = new List<Guid>();
        while (saveLatencies.Count < saves)
        {
            var watch = Stopwatch.StartNew();
            var batch = await client.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(20));
            batchLatencies.Add(watch.Elapsed.TotalMilliseconds);
            if (batch.Count == 0) break;
            foreach (var task in batch.Take(saves - saveLatencies.Count))
            {
                watch.Restart();
                await client.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(project.Labels[task.Ordinal % 2].Id));
                saveLatencies.Add(watch.Elapsed.TotalMilliseconds);
                done.Add(task.Id);
            }
        }

        var reviewLatencies = new List<double>();
        foreach (var id in done.Take(100))
        {
            var watch = Stopwatch.StartNew();
            await client.ReviewAnnotationAsync(ws, project.Id, id, new ReviewAnnotationRequest(ReviewDecision.Accept));
            reviewLatencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        var boxSaves = await ManyBoxesAsync(client, ws, import.Dataset.Id, boxes);

        var finishing = Stopwatch.StartNew();
        var started = await client.FinishAnnotationProjectAsync(ws, project.Id, new FinishAnnotationRequest());
        var (finished, _) = await OperationWatch.WaitAsync(client, ws, started.Id, TimeSpan.FromMinutes(10));
        var finishMs = finishing.Elapsed.TotalMilliseconds;
        if (finished.State != OperationState.Succeeded) throw new InvalidOperationException($"finish: {finished.Message}");

        BenchTable.Print(
        [
            new($"create a project over {items:N0} items", Math.Round(createMs), "ms", "one request: the schema and one task per item"),
            new("next batch of 20", Math.Round(Stats.Median(batchLatencies), 1), "ms p50", $"p95 {Stats.Percentile(batchLatencies, 0.95):0.0} ms over {batchLatencies.Count} batches"),
            new("autosave, one label", Math.Round(Stats.Percentile(saveLatencies, 0.95), 1), "ms p95",
                $"p50 {Stats.Median(saveLatencies):0.0} ms, p99 {Stats.Percentile(saveLatencies, 0.99):0.0} ms over {saveLatencies.Count} saves in a row (goal p95 < 150 ms)"),
            new($"autosave, {boxes} boxes", Math.Round(Stats.Percentile(boxSaves, 0.95), 1), "ms p95", $"p50 {Stats.Median(boxSaves):0.0} ms over {boxSaves.Count} saves"),
            new("review, accept", Math.Round(Stats.Median(reviewLatencies), 1), "ms p50", $"p95 {Stats.Percentile(reviewLatencies, 0.95):0.0} ms"),
            new($"new version from {items:N0} tasks", Math.Round(finishMs), "ms", "from POST finish to the operation's success"),
        ]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"annotation_save_p95_ms={Stats.Percentile(saveLatencies, 0.95):0.0} annotation_save_p50_ms={Stats.Median(saveLatencies):0.0} annotation_create_ms={createMs:0} annotation_finish_ms={finishMs:0}"));
        return 0;
    }

    /// <summary>Saves of one image's boxes, each with every box moved a little, as a drag on a crowded image does.</summary>
    private static async Task<List<double>> ManyBoxesAsync(PlatformClient client, Guid ws, Guid datasetId, int count)
    {
        var project = await client.CreateAnnotationProjectAsync(ws,
            new CreateAnnotationProjectRequest("boxes", datasetId, 1, [new("thing")], Kind: AnnotationKind.ObjectDetection));
        var task = (await client.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(1)))[0];
        var label = project.Labels[0].Id;
        var latencies = new List<double>();
        for (var round = 0; round < 30; round++)
        {
            var list = Enumerable.Range(0, count).Select(i => new AnnotationBoxDto(label, (i + round) % 20, i % 20, 4, 4)).ToList();
            var watch = Stopwatch.StartNew();
            await client.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(Boxes: list));
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static void WriteUnlabeledZip(string path, int count)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var bitmap = new SKBitmap(28, 28);
        for (var i = 0; i < count; i++)
        {
            bitmap.Erase(new SKColor((byte)(i * 7), (byte)(i * 13), (byte)(i * 29)));
            using var image = SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var entry = zip.CreateEntry($"img-{i:D6}.png", CompressionLevel.Fastest).Open();
            png.SaveTo(entry);
        }
    }
}
