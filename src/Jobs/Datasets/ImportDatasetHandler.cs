using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Datasets.Formats;
using Platform.Jobs.Operations;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;
using Platform.Storage.Objects;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Uploads → files (archives expanded) → the format's reader → every image decoded and checked → one new version,
/// created whole or not at all, and a report of every problem. Safe to run again after a crash: blobs are
/// content-addressed and a version already made by this operation is not made twice.
/// </summary>
public sealed class ImportDatasetHandler(
    PlatformDb db, IObjectStore store, BlobStore blobs, UploadExtractor extractor, ImageChecker images, VersionWriter versions, ResourceEvents events,
    IBackgroundJobClient jobs)
    : IOperationHandler
{
    public string Kind => OperationKinds.ImportDataset;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        try
        {
            return await ImportAsync(operation, report, ct);
        }
        catch when (blobs.NewBytes > 0)
        {
            // Files stored for an import that made no version would count against the quota until the hourly purge:
            // purge once this operation is recorded as finished (the purger leaves workspaces with running imports alone).
            jobs.Schedule<DatasetPurger>(purger => purger.PurgeAsync(CancellationToken.None), TimeSpan.FromSeconds(5));
            throw;
        }
    }

    private async Task<string> ImportAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<StartImportRequest>(operation.Payload!, PlatformClient.Json)!;
        var dataset = await db.Datasets.SingleAsync(d => d.Id == operation.SubjectId && d.WorkspaceId == operation.WorkspaceId, ct);
        if (await db.DatasetVersions.AnyAsync(v => v.OperationId == operation.Id, ct)) return "The import had already finished.";
        var uploads = await db.Uploads.Where(u => u.WorkspaceId == operation.WorkspaceId && request.UploadIds.Contains(u.Id)).ToListAsync(ct);
        if (uploads.Count != request.UploadIds.Count || uploads.Any(u => u.State != UploadState.Complete))
            throw new DatasetFormatException("Some of the uploaded files are gone or unfinished; upload them again.");
        var names = string.Join(", ", uploads.Select(u => u.FileName));

        await report.ReportAsync(0.02, $"Unpacking {names}", ct);
        var files = await extractor.ExtractAsync(operation.WorkspaceId, uploads, message => report.ReportAsync(0.1, message, ct), ct);
        await report.ReportAsync(0.3, $"Reading annotations of {files.Count:N0} files", ct);
        var options = new ImportOptions(request.Format, request.TargetColumn, request.ColumnTypes, request.TextColumn, request.LabelColumn);
        var parsed = await DatasetReaders.ReadAsync(files, (file, token) => blobs.OpenAsync(operation.WorkspaceId, file.Sha256, token), options, ct);

        var imageCount = parsed.Items.Count(i => i.Image is not null);
        await report.ReportAsync(0.35, $"Checking {imageCount:N0} images", ct);
        var (items, imageProblems) = await images.CheckAsync(operation.WorkspaceId, parsed.Items,
            done => report.ReportAsync(0.35 + 0.5 * done / Math.Max(1, imageCount), $"Checked {done:N0} of {imageCount:N0} images", ct), ct);
        var problems = parsed.Problems.Concat(imageProblems).ToList();
        var skipped = parsed.Items.Count - items.Count;
        var refused = problems.Count > 0 && request.OnError == ImportErrorPolicy.RefuseImport;

        DatasetVersion? version = null;
        if (!refused && items.Count > 0)
        {
            await report.ReportAsync(0.9, $"Writing version with {items.Count:N0} items", ct);
            var content = new VersionContent(parsed.Kind, parsed.Classes, Columns(parsed), items);
            if (request.Mode == ImportMode.AddToLatest) content = await MergeWithLatestAsync(dataset, content, ct);
            version = await versions.CreateAsync(dataset, content, VersionSource.Import,
                Shorten($"import of {names} ({parsed.Format})"), request.Mode == ImportMode.AddToLatest ? dataset.LatestVersionId : null, operation, ct);
        }

        var reportDto = new ImportReportDto(dataset.Name, parsed.Format, parsed.Kind, version is null ? 0 : items.Count, skipped,
            version?.Number, refused, problems.Select(p => new ImportProblemDto(p.File, p.Message)).ToList());
        await SaveReportAsync(operation, reportDto, ct);
        if (refused)
            throw new DatasetFormatException($"Import refused: {problems.Count} problem(s), first: {problems[0].File}: {problems[0].Message}. Download the report for all of them.");
        if (version is null)
            throw new DatasetFormatException(problems.Count > 0
                ? $"Nothing could be imported: all {parsed.Items.Count} items had problems; download the report."
                : "The upload holds no items to import.");

        foreach (var upload in uploads)
        {
            await UploadParts.DeleteAsync(store, upload, CancellationToken.None);
            db.Uploads.Remove(upload);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await events.DatasetChangedAsync(dataset.WorkspaceId, dataset.Id, $"version {version.Number} imported", CancellationToken.None);
        return $"Imported {items.Count:N0} items into version {version.Number}" + (skipped > 0 ? $"; skipped {skipped:N0} with problems (see the report)." : ".");
    }

    private async Task<VersionContent> MergeWithLatestAsync(Dataset dataset, VersionContent added, CancellationToken ct)
    {
        var latest = await VersionReader.ReadAsync(db, dataset.LatestVersionId!.Value, ct);
        if (latest.Kind != added.Kind)
            throw new DatasetFormatException($"The latest version holds {Dataset.Describe(latest.Kind)}; the upload holds {Dataset.Describe(added.Kind)}.");
        var byPath = latest.Items.ToDictionary(i => i.Path);
        foreach (var item in added.Items) byPath[item.Path] = item;
        var classes = latest.Classes.Concat(added.Classes).Distinct().ToList();
        return added with { Classes = classes, Items = byPath.Values.ToList(), Columns = latest.Columns.Count > 0 ? latest.Columns : added.Columns };
    }

    private async Task SaveReportAsync(Operation operation, ImportReportDto report, CancellationToken ct)
    {
        var key = $"workspaces/{operation.WorkspaceId:N}/reports/{operation.Id:N}.json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, new JsonSerializerOptions(PlatformClient.Json) { WriteIndented = true });
        await store.PutAsync(key, new MemoryStream(bytes), bytes.Length, "application/json", ct);
        operation.AttachResult(key, $"import-report-{operation.Id.ToString()[..8]}.json");
        await db.SaveChangesAsync(ct);
    }

    private static List<TableColumnDto> Columns(ParsedDataset parsed) => parsed.Columns?.Select(c =>
        new TableColumnDto(c.Name, c.Type, c.Name == parsed.TargetColumn, 0, 0, null, null, null)).ToList() ?? [];

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..497] + "…";
}
