using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Jobs.Operations;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Datasets;

/// <summary>A new version whose items carry train/validation/test splits: random with a seed, or stratified by class.</summary>
public sealed class SplitDatasetHandler(PlatformDb db, VersionWriter versions, ResourceEvents events) : IOperationHandler
{
    public string Kind => OperationKinds.SplitDataset;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<SplitPayload>(operation.Payload!, PlatformClient.Json)!;
        var dataset = await db.Datasets.SingleAsync(d => d.Id == operation.SubjectId && d.WorkspaceId == operation.WorkspaceId, ct);
        if (await db.DatasetVersions.AnyAsync(v => v.OperationId == operation.Id, ct)) return "The split had already finished.";
        var source = await db.DatasetVersions.AsNoTracking().SingleAsync(v => v.Id == payload.VersionId && v.WorkspaceId == operation.WorkspaceId, ct);
        await report.ReportAsync(0.1, $"Reading {source.ItemCount:N0} items of version {source.Number}", ct);
        var content = await VersionReader.ReadAsync(db, source.Id, ct);
        await report.ReportAsync(0.4, "Assigning splits", ct);
        var split = Splitter.Assign(content.Items, payload.Split);
        await report.ReportAsync(0.6, "Writing the new version", ct);
        var s = payload.Split;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{(s.Stratified ? "stratified " : "")}split {s.Train * 100:0.#}/{s.Validation * 100:0.#}/{s.Test * 100:0.#} seed {s.Seed} of version {source.Number}");
        var version = await versions.CreateAsync(dataset, content with { Items = split }, VersionSource.Split, detail, source.Id, operation, ct);
        await events.DatasetChangedAsync(dataset.WorkspaceId, dataset.Id, $"version {version.Number} split", CancellationToken.None);
        var counts = split.GroupBy(i => i.Split).ToDictionary(g => g.Key, g => g.Count());
        return $"Version {version.Number}: {counts.GetValueOrDefault(DatasetSplit.Train):N0} train, " +
               $"{counts.GetValueOrDefault(DatasetSplit.Validation):N0} validation, {counts.GetValueOrDefault(DatasetSplit.Test):N0} test.";
    }
}
