using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Bench.Datasets;
using Platform.Contracts;
using Platform.Datasets.Samples;
using Platform.Jobs.Training;
using Platform.Ml;
using Platform.Ml.Data;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Bench.Training;

/// <summary>
/// training-inputs [--items N]: the memory a worker holds to feed a version of N items (default 1,000,000) to the core.
/// An image version and a text version are imported through the API of a real embedded server, then grown to N rows
/// in its SQLite file (copies of the imported rows, each with its own id and path). Measured in this process on that
/// file: the managed memory still held once the inputs are read, and the time to read them, for what the worker does
/// now (keyset pages into columns, texts spilled to a temporary file) against reading every row into one list of
/// objects (what it did before, the baseline). For texts also the core's vocabulary pass: every item's tokens held
/// (before) against counted and dropped.
/// </summary>
internal static class TrainingInputsBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var count = BenchOptions.Count(options, "--items", 1_000_000);
        var wall = Stopwatch.StartNew();
        await using var server = await BenchServer.StartAsync();
        var images = await ImportAsync(server, Zip(), "shapes.zip");
        var texts = await ImportAsync(server, Texts(), "texts.jsonl");
        await using var db = new SqlitePlatformDb(new DbContextOptionsBuilder<SqlitePlatformDb>()
            .UseSqlite($"Data Source={server.SqliteFile};Default Timeout=120").Options);
        await using var blobs = new BlobStore(new FolderObjectStore(Path.Combine(server.DataFolder, "objects")), db, TimeProvider.System);
        var rows = new List<BenchRow>();
        foreach (var (kind, versionId) in new[] { ("images", images), ("texts", texts) })
        {
            await GrowAsync(db, versionId, count);
            CoreQuality.Log(wall, $"{kind}: version grown to {count:N0} items");
            var version = await db.DatasetVersions.AsNoTracking().SingleAsync(v => v.Id == versionId);
            var (oldBytes, oldTime) = await HeldAsync(async () => await WholeListAsync(db, blobs, version));
            var (newBytes, newTime) = await HeldAsync(async () =>
            {
                var inputs = await TrainingInputs.ReadAsync(db, blobs, version, CancellationToken.None);
                using (var content = inputs.Items![count / 2].Open()) content.ReadByte(); // the item opens its real content
                return inputs;
            });
            rows.Add(new BenchRow($"{kind}: before, one object per row", oldBytes / 1e6, "MB held", $"{oldBytes / (double)count:0} bytes an item; read in {oldTime.TotalSeconds:0.0} s"));
            rows.Add(new BenchRow($"{kind}: now, pages into columns", newBytes / 1e6, "MB held", $"{newBytes / (double)count:0} bytes an item; read in {newTime.TotalSeconds:0.0} s; {oldBytes / (double)newBytes:0.0}x less"));
            if (kind == "texts") rows.AddRange(await VocabularyRowsAsync(db, blobs, version, count));
        }
        BenchTable.Print(rows);
        return 0;
    }

    private static async Task<IEnumerable<BenchRow>> VocabularyRowsAsync(PlatformDb db, BlobStore blobs, DatasetVersion version, int count)
    {
        using var inputs = await TrainingInputs.ReadAsync(db, blobs, version, CancellationToken.None);
        var items = inputs.Items!;
        var all = Enumerable.Range(0, items.Count).ToArray();
        var (oldBytes, oldTime) = await HeldAsync(() => Task.FromResult<object>(all.AsParallel().AsOrdered().Select(i => TextEncoder.Tokens(TextEncoder.Read(items[i]))).ToArray()));
        var (newBytes, newTime) = await HeldAsync(() => Task.FromResult<object>(TextEncoder.Count(items, all, new int[all.Length], CancellationToken.None)));
        return
        [
            new BenchRow("texts: vocabulary pass, tokens held", oldBytes / 1e6, "MB held", $"{oldBytes / (double)count:0} bytes an item; {oldTime.TotalSeconds:0.0} s"),
            new BenchRow("texts: vocabulary pass, tokens counted", newBytes / 1e6, "MB held", $"{newBytes / (double)count:0} bytes an item; {newTime.TotalSeconds:0.0} s; {oldBytes / (double)newBytes:0.0}x less"),
        ];
    }

    /// <summary>Managed memory still reachable from what <paramref name="read"/> returns, and how long it took.</summary>
    private static async Task<(long Bytes, TimeSpan Time)> HeldAsync(Func<Task<object>> read)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var held = await read();
        var time = clock.Elapsed;
        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(held);
        (held as IDisposable)?.Dispose();
        return (bytes, time);
    }

    /// <summary>The baseline: what the worker read before, every row as an object and an item with its content key or text.</summary>
    private static async Task<object> WholeListAsync(PlatformDb db, BlobStore blobs, DatasetVersion version)
    {
        var rows = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == version.Id).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Label, i.Split, i.Sha256, i.Text }).ToListAsync();
        return rows.Select(r => r.Text is { } text
            ? new MlItem(r.Id.ToString(), () => new MemoryStream(Encoding.UTF8.GetBytes(text)), r.Label!)
            : new MlItem(r.Id.ToString(), () => blobs.OpenAsync(version.WorkspaceId, r.Sha256!, CancellationToken.None).GetAwaiter().GetResult(), r.Label!)).ToList();
    }

    private static async Task<Guid> ImportAsync(BenchServer server, byte[] content, string name)
    {
        var client = server.Client;
        var dataset = await client.CreateDatasetAsync(server.Workspace, new CreateDatasetRequest(name));
        var upload = await client.UploadAsync(server.Workspace, new MemoryStream(content), name);
        var started = await client.StartImportAsync(server.Workspace, dataset.Id, new StartImportRequest([upload.Id]));
        var (import, _) = await OperationWatch.WaitAsync(client, server.Workspace, started.Id, TimeSpan.FromMinutes(5));
        if (import.State != OperationState.Succeeded) throw new InvalidOperationException($"import of {name} {import.State}: {import.Message}");
        return (await client.GetDatasetAsync(server.Workspace, dataset.Id)).LatestVersion!.Id;
    }

    /// <summary>Copies the version's imported rows until it has <paramref name="count"/> (new ids and paths; the same content).</summary>
    private static async Task GrowAsync(PlatformDb db, Guid versionId, int count)
    {
        var template = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == versionId).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await DatasetItemBulk.InsertAsync(db, Enumerable.Range(0, count - template.Count).Select(n =>
        {
            var t = template[n % template.Count];
            return new DatasetItem(Guid.CreateVersion7(), versionId, $"copy-{n:D7}/{t.Path}", t.Label, t.Split, t.Sha256, t.Size, t.Width, t.Height, t.BoxesJson, t.Text);
        }), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static byte[] Zip()
    {
        using var stream = new MemoryStream();
        SampleDatasets.WriteShapesZip(stream);
        return stream.ToArray();
    }

    /// <summary>1,000 short reviews in two classes, about 250 characters each.</summary>
    private static byte[] Texts()
    {
        var words = "the a service was quick slow friendly rude food cold warm great poor value price room clean dirty staff helpful".Split(' ');
        var random = new Random(7);
        var lines = Enumerable.Range(0, 1000).Select(i =>
        {
            var text = string.Join(' ', Enumerable.Range(0, 45).Select(_ => words[random.Next(words.Length)]));
            return System.Text.Json.JsonSerializer.Serialize(new { text, label = i % 2 == 0 ? "good" : "bad" });
        });
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
