using System.Text.Json;

namespace Platform.Api.Annotation;

/// <summary>
/// One task per item of the version and replica (overlap), in path order. The version's classes join the schema, and
/// its labels (or boxes) start as the first replica's annotations, so a partly labeled dataset only asks for what is
/// missing; further replicas ask other people to label every item again.
/// </summary>
public static class AnnotationTaskFactory
{
    private sealed record ItemRow(Guid Id, string? Label, string? BoxesJson);

    /// <summary>The classes the version uses that the requested schema lacks, to add before the tasks are made.</summary>
    public static async Task<List<string>> VersionClassesAsync(PlatformDb db, DatasetVersion version, CancellationToken ct)
    {
        var summary = VersionSummary.FromJson(version.SummaryJson);
        var boxLabels = version.Kind == DatasetKind.ObjectDetection
            ? (await db.DatasetItems.Where(i => i.VersionId == version.Id && i.BoxesJson != null).Select(i => i.BoxesJson!).ToListAsync(ct))
                .SelectMany(json => JsonSerializer.Deserialize<List<BoxDto>>(json, PlatformClient.Json) ?? []).Select(b => b.Label)
            : [];
        return summary.Classes.Concat(boxLabels).Distinct(StringComparer.Ordinal).ToList();
    }

    public static async Task<int> CreateAsync(PlatformDb db, AnnotationProject project, DatasetVersion version, CancellationToken ct)
    {
        var ids = project.Labels.ToDictionary(l => l.Name, l => l.Id, StringComparer.OrdinalIgnoreCase);
        var rows = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == version.Id).OrderBy(i => i.Id)
            .Select(i => new ItemRow(i.Id, i.Label, i.BoxesJson)).ToListAsync(ct);
        var now = project.CreatedAt;
        var detect = project.IsDetection;
        var taskIds = new SequentialIds(now);
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var task = new AnnotationTask(taskIds.Next(), project.Id, project.WorkspaceId, row.Id, i + 1);
                for (var replica = 1; replica < project.Overlap; replica++)
                    db.AnnotationTasks.Add(new AnnotationTask(taskIds.Next(), project.Id, project.WorkspaceId, row.Id, i + 1, replica));
                if (!detect && row.Label is { } label && ids.TryGetValue(label, out var labelId)) task.StartFromVersion(labelId, null, now);
                else if (detect && row.BoxesJson is { } json)
                    task.StartFromVersion(null, (JsonSerializer.Deserialize<List<BoxDto>>(json, PlatformClient.Json) ?? [])
                        .Where(b => ids.ContainsKey(b.Label)).Select(b => new AnnotationBoxDto(ids[b.Label], b.X, b.Y, b.Width, b.Height)).ToList(), now);
                db.AnnotationTasks.Add(task);
            }
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = tracking; }
        return rows.Count * project.Overlap;
    }
}
