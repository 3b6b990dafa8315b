using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Ml;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;

namespace Platform.Jobs.Training;

/// <summary>What the core trains on, read from a dataset version: items that open their blob on demand, or a table.</summary>
public sealed record TrainingInputs(IReadOnlyList<MlItem>? Items, MlTable? Table, int LeftOut, string? LeftOutReason)
{
    public static async Task<TrainingInputs> ReadAsync(PlatformDb db, BlobStore blobs, DatasetVersion version, CancellationToken ct)
    {
        var rows = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == version.Id).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Label, i.Split, i.Sha256, i.Text }).ToListAsync(ct);
        if (version.Kind == DatasetKind.Table)
        {
            var columns = VersionSummary.FromJson(version.SummaryJson).Columns;
            var target = columns.FirstOrDefault(c => c.IsTarget)?.Name
                ?? throw new DatasetNotTrainableException("The table has no target column to predict.");
            var tableRows = rows.Select(r => new MlRow(r.Id.ToString(), Cells(r.Text), Split(r.Split))).ToList();
            return new TrainingInputs(null, new MlTable(columns.Select(c => c.Name).ToList(), tableRows, target), 0, null);
        }

        var labeled = rows.Where(r => !string.IsNullOrEmpty(r.Label)).ToList();
        var items = labeled.Select(r => version.Kind == DatasetKind.TextClassification
            ? new MlItem(r.Id.ToString(), TextOpener(r.Text ?? ""), r.Label!, Split(r.Split))
            : new MlItem(r.Id.ToString(), BlobOpener(blobs, version.WorkspaceId, r.Sha256!), r.Label!, Split(r.Split))).ToList();
        var leftOut = rows.Count - labeled.Count;
        return new TrainingInputs(items, null, leftOut, leftOut > 0 ? $"{leftOut:N0} items without a label were left out of training." : null);
    }

    private static Func<Stream> TextOpener(string text) => () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text), writable: false);

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

    private static MlSplit Split(DatasetSplit split) => split switch
    {
        DatasetSplit.Validation => MlSplit.Validation,
        DatasetSplit.Test => MlSplit.Test,
        _ => MlSplit.Train,
    };
}

/// <summary>The version cannot be trained on as it is (a user error, reported as the run's failure).</summary>
public sealed class DatasetNotTrainableException(string message) : Exception(message);
