namespace Platform.Bench.Datasets;

/// <summary>Imports a zip of distinct tiny PNGs in class folders; the rate is over the operation's server-stamped run time.</summary>
internal static class ImageImportRate
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchWorkspace workspace, string scratch, int images)
    {
        var name = $"import {images:N0} tiny PNGs (zip)";
        var zip = Path.Combine(scratch, "tiny-pngs.zip");
        try
        {
            BenchFiles.WriteTinyPngZip(zip, images);
            var unzip = await UnzipSeconds(zip, scratch);
            var run = await workspace.ImportAsync(zip, "tiny PNGs");
            run.EnsureSucceeded();
            if (run.Items != images) throw new InvalidOperationException($"the version holds {run.Items:N0} items, not {images:N0}: {run.Operation.Message}");
            var size = new FileInfo(zip).Length;
            return
            [
                new BenchRow(name, run.Items / run.Seconds, "items/s", $"8×8, {BenchFiles.Classes} class folders, zip {size / 1e6:0.#} MB"),
                new BenchRow($"{name}, total", run.Seconds, "s", OperationWatch.Describe(run.Phases)),
                .. unzip is { } u
                    ? new[]
                    {
                        new BenchRow("unzip -q of the same zip", u, "s", "to a folder on the same disk, then deleted"),
                        new BenchRow("import ÷ unzip -q", run.Seconds / u, "×", "goal ≤ 4"),
                    }
                    : [],
            ];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [FailedRow.Of(name, "items/s", e)];
        }
        finally { File.Delete(zip); }
    }

    /// <summary>The seconds `unzip -q` takes to expand the zip, or null where unzip is not installed.</summary>
    private static async Task<double?> UnzipSeconds(string zip, string scratch)
    {
        var target = Path.Combine(scratch, "unzipped");
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("unzip", ["-q", zip, "-d", target])
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
        finally { if (Directory.Exists(target)) Directory.Delete(target, recursive: true); }
    }
}
