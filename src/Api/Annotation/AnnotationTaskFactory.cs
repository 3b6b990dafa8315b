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

    /// <summary>The project's tasks, for <see cref="AnnotationTaskBulk"/>: replicas of an item one after another, in item order.</summary>
    public static async Task<List<AnnotationTask>> MakeAsync(PlatformDb db, AnnotationProject project, DatasetVersion version, CancellationToken ct)
    {
        var ids = project.Labels.ToDictionary(l => l.Name, l => l.Id, StringComparer.OrdinalIgnoreCase);
        var rows = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == version.Id).OrderBy(i => i.Id)
            .Select(i => new ItemRow(i.Id, i.Label, i.BoxesJson)).ToListAsync(ct);
        var taskIds = new SequentialIds(project.CreatedAt);
        var tasks = new List<AnnotationTask>(rows.Count * project.Overlap);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var task = new AnnotationTask(taskIds.Next(), project.Id, project.WorkspaceId, row.Id, i + 1);
            if (!project.IsDetection && row.Label is { } label && ids.TryGetValue(label, out var labelId)) task.StartFromVersion(labelId, null);
            else if (project.IsDetection && row.BoxesJson is { } json)
                task.StartFromVersion(null, (JsonSerializer.Deserialize<List<BoxDto>>(json, PlatformClient.Json) ?? [])
                    .Where(b => ids.ContainsKey(b.Label)).Select(b => new AnnotationBoxDto(ids[b.Label], b.X, b.Y, b.Width, b.Height)).ToList());
            tasks.Add(task);
            for (var replica = 1; replica < project.Overlap; replica++)
                tasks.Add(new AnnotationTask(taskIds.Next(), project.Id, project.WorkspaceId, row.Id, i + 1, replica));
        }
        return tasks;
    }
}
