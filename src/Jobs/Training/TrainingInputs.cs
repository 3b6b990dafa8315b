using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Ml;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;

namespace Platform.Jobs.Training;

/// <summary>
/// What the core trains on, read from a dataset version in pages: items that open their content on demand (images from
/// the blob store, texts from a temporary file), or a table. Dispose it once training is over.
/// </summary>
public sealed class TrainingInputs : IDisposable
{
    private readonly TextSpill? texts;

    private TrainingInputs(IReadOnlyList<MlItem>? items, MlTable? table, int leftOut, TextSpill? texts)
    {
        Items = items;
        Table = table;
        LeftOut = leftOut;
        this.texts = texts;
    }

    public IReadOnlyList<MlItem>? Items { get; }

    public MlTable? Table { get; }

    public int LeftOut { get; }

    public string? LeftOutReason => LeftOut > 0 ? $"{LeftOut:N0} items without a label were left out of training." : null;

    /// <summary>Reads the version <paramref name="pageSize"/> rows a query: keyset pages keep memory flat whatever the provider buffers.</summary>
    public static async Task<TrainingInputs> ReadAsync(PlatformDb db, BlobStore blobs, DatasetVersion version, CancellationToken ct, int pageSize = 10_000)
    {
        if (version.Kind == DatasetKind.Table) return new TrainingInputs(null, await ReadTableAsync(db, version, pageSize, ct), 0, null);
        var spill = version.Kind == DatasetKind.TextClassification ? new TextSpill() : null;
        try
        {
            var hashes = spill is null ? new ContentHashes() : null;
            var items = new ItemColumns(spill is not null
                ? index => () => spill.Open(index)
                : index => BlobOpener(blobs, version.WorkspaceId, hashes![index]));
            var leftOut = 0;
            await foreach (var row in RowsAsync(db, version, pageSize, ct))
            {
                if (string.IsNullOrEmpty(row.Label))
                {
                    leftOut++;
                    continue;
                }
                items.Add(row.Id, row.Label, Split(row.Split));
                if (spill is not null) spill.Add(row.Text ?? "");
                else hashes!.Add(row.Sha256!);
            }
            return new TrainingInputs(items, null, leftOut, spill);
        }
        catch
        {
            spill?.Dispose();
            throw;
        }
    }

    public void Dispose() => texts?.Dispose();

    private static async Task<MlTable> ReadTableAsync(PlatformDb db, DatasetVersion version, int pageSize, CancellationToken ct)
    {
        var columns = VersionSummary.FromJson(version.SummaryJson).Columns;
        var target = columns.FirstOrDefault(c => c.IsTarget)?.Name
            ?? throw new DatasetNotTrainableException("The table has no target column to predict.");
        var rows = new List<MlRow>();
        await foreach (var row in RowsAsync(db, version, pageSize, ct)) rows.Add(new MlRow(row.Id.ToString(), Cells(row.Text), Split(row.Split)));
        return new MlTable(columns.Select(c => c.Name).ToList(), rows, target);
    }

    private sealed record Row(Guid Id, string? Label, DatasetSplit Split, string? Sha256, string? Text);

    private static async IAsyncEnumerable<Row> RowsAsync(PlatformDb db, DatasetVersion version, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var query = db.DatasetItems.AsNoTracking().Where(i => i.VersionId == version.Id);
            if (after is { } last) query = query.Where(i => i.Id.CompareTo(last) > 0);
            var page = await query.OrderBy(i => i.Id).Take(pageSize)
                .Select(i => new Row(i.Id, i.Label, i.Split, i.Sha256, i.Text)).ToListAsync(ct);
            foreach (var row in page) yield return row;
            if (page.Count < pageSize) yield break;
            after = page[^1].Id;
        }
    }

    // The core opens items on its own threads and expects a stream back; the store's open is asynchronous.
    private static Func<Stream> BlobOpener(BlobStore blobs, Guid workspaceId, string sha256) =>
        () => blobs.OpenAsync(workspaceId, sha256, CancellationToken.None).GetAwaiter().GetResult();

    private static IReadOnlyList<string?> Cells(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<JsonElement>>(json)!
            .Select(e => e.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => e.GetString(),
                _ => e.GetRawText(),
            }).ToList();

    /// <summary>Where an item trains: its own split, and train when it has none.</summary>
    public static MlSplit Split(DatasetSplit split) => split switch
    {
        DatasetSplit.Validation => MlSplit.Validation,
        DatasetSplit.Test => MlSplit.Test,
        _ => MlSplit.Train,
    };
}

/// <summary>The version cannot be trained on as it is (a user error, reported as the run's failure).</summary>
public sealed class DatasetNotTrainableException(string message) : Exception(message);
