namespace Platform.Bench.Datasets;

/// <summary>
/// Dataset rows: upload throughput against a plain disk copy, image import rate, and the gallery's first-page latency
/// on a large version. One embedded server (SQLite, folder store) on a fresh temp data folder serves them all.
/// </summary>
internal static class DatasetsBench
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(string[] options)
    {
        var sizes = DatasetBenchOptions.Parse(options);
        using var folder = new TempFolder();
        var scratch = Directory.CreateDirectory(Path.Combine(folder.Path, "files")).FullName; // same disk as the data folder
        BenchWorkspace workspace;
        try
        {
            workspace = await BenchWorkspace.StartAsync(folder.Path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [FailedRow.Of("datasets: embedded server", "", e)];
        }
        await using (workspace)
        {
            var rows = new List<BenchRow>();
            rows.AddRange(await Guard("upload", "MB/s", () => UploadThroughput.RunAsync(workspace, scratch, sizes.UploadMib)));
            rows.AddRange(await Guard("image import", "items/s", () => ImageImportRate.RunAsync(workspace, scratch, sizes.Images)));
            rows.AddRange(await Guard("gallery", "ms", () => GalleryLatency.RunAsync(workspace, scratch, sizes.Items, sizes.Split)));
            return rows;
        }
    }

    private static async Task<IReadOnlyList<BenchRow>> Guard(string name, string unit, Func<Task<IReadOnlyList<BenchRow>>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [FailedRow.Of(name, unit, e)];
        }
    }
}
