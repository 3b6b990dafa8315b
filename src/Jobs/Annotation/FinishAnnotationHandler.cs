using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Jobs.Datasets;
using Platform.Jobs.Operations;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Annotation;

/// <summary>
/// Writes an annotation project's labels as a new version of its dataset: every item of the project's version, in its
/// split, labeled by its accepted (and, if asked, not yet reviewed) annotation; the rest unlabeled, counted in the result.
/// A retrain then starts a training run on the new version.
/// </summary>
public sealed class FinishAnnotationHandler(PlatformDb db, VersionWriter versions, Retraining retraining, ResourceEvents events) : IOperationHandler
{
    public string Kind => OperationKinds.FinishAnnotation;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<FinishAnnotationPayload>(operation.Payload!, PlatformClient.Json)!;
        var project = await db.AnnotationProjects.SingleAsync(p => p.Id == payload.ProjectId && p.WorkspaceId == operation.WorkspaceId, ct);
        var dataset = await db.Datasets.SingleAsync(d => d.Id == project.DatasetId, ct);
        if (await db.DatasetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.OperationId == operation.Id, ct) is { } done)
            return $"Version {done.Number} had already been written.";

        await report.ReportAsync(0.1, $"Reading {project.TaskCount:N0} items", ct);
        var source = await VersionReader.ReadAsync(db, project.VersionId, ct);
        var paths = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == project.VersionId).Select(i => new { i.Id, i.Path }).ToDictionaryAsync(i => i.Id, i => i.Path, ct);
        var tasks = await db.AnnotationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(ct);
        var byPath = tasks.Where(t => paths.ContainsKey(t.ItemId)).GroupBy(t => paths[t.ItemId], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Replica).ToList(), StringComparer.Ordinal);
        var annotators = await AnnotatorEmailsAsync(tasks, ct);

        await report.ReportAsync(0.4, "Applying the annotations", ct);
        var labels = project.Labels.ToDictionary(l => l.Id, l => l.Name);
        var tally = new FinishTally();
        var items = source.Items.Select(item => Label(item, byPath.GetValueOrDefault(item.Path), labels, project.IsDetection, payload.IncludeUnreviewed, tally)).ToList();
        var kind = project.Kind switch
        {
            AnnotationKind.ObjectDetection => DatasetKind.ObjectDetection,
            AnnotationKind.TextClassification => DatasetKind.TextClassification,
            _ => DatasetKind.ImageClassification,
        };
        var content = new VersionContent(kind, [.. project.Labels.Select(l => l.Name)], source.Columns, items);

        await report.ReportAsync(0.6, "Writing the new version", ct);
        var detail = $"annotation project '{project.Name}' on version {project.VersionNumber}: {tally.Describe()}"
            + (annotators.Count > 0 ? $"; annotated by {string.Join(", ", annotators)}" : "");
        var version = await versions.CreateAsync(dataset, content, VersionSource.Annotation, detail[..Math.Min(detail.Length, 512)], project.VersionId, operation, ct);
        project.Finished(version.Number, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        await events.DatasetChangedAsync(dataset.WorkspaceId, dataset.Id, $"version {version.Number} from annotation", CancellationToken.None);
        await events.AnnotationChangedAsync(dataset.WorkspaceId, project.Id, "finished", CancellationToken.None);
        var retrain = payload.Retrain is { } plan ? await retraining.StartRunAsync(project, version, plan, operation.CreatedBy, ct) : "";
        return $"Version {version.Number}: {tally.Describe()}.{retrain}";
    }

    /// <summary>
    /// An item's label from its tasks: accepted annotations count over unreviewed ones (those only if asked); with overlap,
    /// the label most of them chose, and none on a tie; boxes come from one annotation (the first that counts).
    /// </summary>
    private static NewItem Label(NewItem item, List<AnnotationTask>? tasks, Dictionary<int, string> labels, bool detection, bool includeUnreviewed, FinishTally tally)
    {
        var unlabeled = item with { Label = null, Boxes = [] };
        var accepted = tasks?.Where(t => t.State == AnnotationTaskState.Accepted).ToList() ?? [];
        var unreviewed = tasks?.Where(t => t.State == AnnotationTaskState.Annotated).ToList() ?? [];
        var counted = accepted.Count > 0 ? accepted : includeUnreviewed ? unreviewed : [];
        if (counted.Count == 0)
        {
            if (unreviewed.Count > 0) tally.Unreviewed++;
            else if (tasks?.Any(t => t.State == AnnotationTaskState.Rejected) == true) tally.Rejected++;
            else tally.Open++;
            return unlabeled;
        }
        if (detection)
        {
            tally.Count(accepted.Count > 0);
            var boxes = counted[0].Boxes.Where(b => labels.ContainsKey(b.LabelId))
                .Select(b => new BoxDto(labels[b.LabelId], b.X, b.Y, b.Width, b.Height)).ToList();
            tally.Boxes += boxes.Count;
            return item with { Label = null, Boxes = boxes };
        }
        var votes = counted.Where(t => t.LabelId is { } id && labels.ContainsKey(id)).GroupBy(t => t.LabelId!.Value)
            .Select(g => (Label: g.Key, Votes: g.Count())).OrderByDescending(v => v.Votes).ToList();
        if (votes.Count == 0) { tally.Open++; return unlabeled; }
        if (votes.Count > 1 && votes[0].Votes == votes[1].Votes) { tally.Ties++; return unlabeled; }
        tally.Count(accepted.Count > 0);
        return item with { Label = labels[votes[0].Label], Boxes = [] };
    }

    private async Task<List<string>> AnnotatorEmailsAsync(List<AnnotationTask> tasks, CancellationToken ct)
    {
        var ids = tasks.Where(t => !t.FromVersion).Select(t => t.AnnotatedBy).OfType<Guid>().Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).Select(u => u.Email ?? "").ToListAsync(ct);
    }

    private sealed class FinishTally
    {
        public int Accepted, Included, Unreviewed, Rejected, Open, Boxes, Ties;

        public void Count(bool accepted)
        {
            if (accepted) Accepted++;
            else Included++;
        }

        public string Describe()
        {
            var labeled = Accepted + Included;
            var parts = new List<string> { $"{labeled:N0} labeled ({Accepted:N0} accepted, {Included:N0} not reviewed)" };
            if (Boxes > 0) parts.Add($"{Boxes:N0} boxes");
            var left = Unreviewed + Rejected + Open + Ties;
            if (left > 0) parts.Add($"{left:N0} left unlabeled ({Open:N0} not annotated, {Rejected:N0} rejected, {Unreviewed:N0} not reviewed"
                + (Ties > 0 ? $", {Ties:N0} with annotators split evenly)" : ")"));
            return string.Join(", ", parts);
        }
    }
}
