using System.Diagnostics;
using Platform.Contracts;

namespace Platform.Bench.Datasets;

/// <summary>
/// Imports a large JSONL text-classification file, then times the first page (limit 100) of the items list, the
/// endpoint the gallery pages through: unfiltered, by label, by split (after a split operation) and by file-name search;
/// then a jump to the last page by position and a page of the mixed order from the middle.
/// </summary>
internal static class GalleryLatency
{
    private const int Requests = 20;
    private const int WarmUps = 2;
    private const int PageSize = 100;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchWorkspace workspace, string scratch, int count, bool split)
    {
        var rows = new List<BenchRow>();
        if (await ImportAsync(workspace, scratch, count, rows) is not { } run) return rows;

        var (client, ws, dataset) = (workspace.Client, workspace.Id, run.Dataset.Id);
        var number = run.Dataset.LatestVersion!.Number;
        var search = (count * 3L / 4).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var prefix = $"gallery first page, {count:N0} items";
        rows.Add(await MeasureAsync($"{prefix}, unfiltered", PageSize, () => client.ListItemsAsync(ws, dataset, number, limit: PageSize)));
        rows.Add(await MeasureAsync($"{prefix}, label", PageSize, () => client.ListItemsAsync(ws, dataset, number, label: "class-3", limit: PageSize)));
        rows.Add(await MeasureAsync($"{prefix}, search \"{search}\"", 1, () => client.ListItemsAsync(ws, dataset, number, search: search, limit: PageSize)));
        var last = count - PageSize;
        rows.Add(await MeasureAsync($"gallery jump to item {last + 1:N0} of {count:N0}", PageSize,
            () => client.ListItemsAsync(ws, dataset, number, new ItemQuery(Position: last, Limit: PageSize))));
        rows.Add(await MeasureAsync($"gallery mixed order, page at item {count / 2 + 1:N0} of {count:N0}", PageSize,
            () => client.ListItemsAsync(ws, dataset, number, new ItemQuery(Order: ItemOrder.Mixed, Position: count / 2, Limit: PageSize))));
        if (split) rows.AddRange(await SplitAsync(workspace, dataset, number, prefix));
        return rows;
    }

    /// <summary>
    /// Imports the lines as specified; when that fails (the server's JSONL reader refuses lines without a "split" key),
    /// the failure gets its row and the lines are imported again with "split":"none".
    /// </summary>
    private static async Task<ImportRun?> ImportAsync(BenchWorkspace workspace, string scratch, int count, List<BenchRow> rows)
    {
        var name = $"import {count:N0} text items (JSONL)";
        foreach (var withSplit in new[] { false, true })
        {
            var jsonl = Path.Combine(scratch, "text.jsonl");
            var row = withSplit ? $"{name}, \"split\":\"none\"" : name;
            try
            {
                BenchFiles.WriteTextJsonl(jsonl, count, withSplit);
                var run = await workspace.ImportAsync(jsonl, row);
                run.EnsureSucceeded();
                if (run.Items != count) throw new InvalidOperationException($"the version holds {run.Items:N0} items, not {count:N0}: {run.Operation.Message}");
                rows.Add(new BenchRow(row, run.Seconds, "s", $"{run.Items / run.Seconds:N0} items/s; {OperationWatch.Describe(run.Phases)}"));
                return run;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                rows.Add(FailedRow.Of(row, "s", e));
            }
            finally { File.Delete(jsonl); }
        }
        return null;
    }

    /// <summary>Splits 80/10/10 into a new version (timed, server-stamped), then pages its validation items.</summary>
    private static async Task<IReadOnlyList<BenchRow>> SplitAsync(BenchWorkspace workspace, Guid dataset, int number, string prefix)
    {
        var (client, ws) = (workspace.Client, workspace.Id);
        try
        {
            var started = await client.SplitVersionAsync(ws, dataset, number, new SplitRequest());
            var (operation, phases) = await OperationWatch.WaitAsync(client, ws, started.Id, TimeSpan.FromMinutes(30));
            if (operation.State != OperationState.Succeeded) throw new InvalidOperationException($"split {operation.State}: {operation.Message}");
            var seconds = (operation.FinishedAt!.Value - operation.StartedAt!.Value).TotalSeconds;
            var splitRow = new BenchRow("split 80/10/10 into a new version", seconds, "s", operation.Message ?? "");
            var latest = (await client.GetDatasetAsync(ws, dataset)).LatestVersion!.Number;
            return [splitRow, await MeasureAsync($"{prefix}, split", PageSize,
                () => client.ListItemsAsync(ws, dataset, latest, split: DatasetSplit.Validation, limit: PageSize))];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [FailedRow.Of("split 80/10/10 into a new version", "s", e)];
        }
    }

    /// <summary>Two warm-ups, then <see cref="Requests"/> requests one after another; the client's round trip.</summary>
    private static async Task<BenchRow> MeasureAsync(string name, int expected, Func<Task<Page<DatasetItemDto>>> request)
    {
        try
        {
            var times = new List<double>();
            for (var i = 0; i < WarmUps + Requests; i++)
            {
                var clock = Stopwatch.StartNew();
                var page = await request();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (page.Items.Count != expected) throw new InvalidOperationException($"the first page held {page.Items.Count} items, not {expected}");
                if (i >= WarmUps) times.Add(elapsed);
            }
            return new BenchRow(name, Stats.Median(times), "ms", $"median of {Requests}; p95 {Stats.Percentile(times, 0.95):0.#} ms; limit {PageSize}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FailedRow.Of(name, "ms", e);
        }
    }
}
