namespace Platform.Api.Annotation;

/// <summary>
/// A new label schema for a running project. Renames keep annotations (they point at label ids); removing a label that
/// annotations use is refused unless the caller confirms, and then those annotations are cleared (classification) or
/// lose those boxes (detection) in the same save.
/// </summary>
public static class AnnotationSchemaChange
{
    public sealed record Result(Validation? Validation = null, string? Conflict = null, string? Summary = null);

    public static async Task<Result> ApplyAsync(PlatformDb db, AnnotationProject project, IReadOnlyList<AnnotationLabelInput> inputs,
        bool removeAnnotations, DateTimeOffset now, CancellationToken ct)
    {
        var validation = new Validation();
        var before = project.Labels;
        var labels = AnnotationSchema.Check(inputs, before, validation);
        if (labels is null) return new Result(validation);
        var removed = before.Where(old => labels.All(l => l.Id != old.Id)).ToList();
        var renamed = before.Select(old => (old, now: labels.FirstOrDefault(l => l.Id == old.Id))).Where(p => p.now is not null && p.now.Name != p.old.Name).ToList();
        var added = labels.Count(l => l.Id == 0);

        var uses = new List<(AnnotationLabelDto Label, int Count)>();
        foreach (var label in removed)
        {
            var marker = $",{label.Id},";
            var count = await db.AnnotationTasks.CountAsync(t => t.ProjectId == project.Id && t.LabelSet.Contains(marker), ct);
            if (count > 0) uses.Add((label, count));
        }
        if (uses.Count > 0 && !removeAnnotations)
            return new Result(Conflict: string.Join("; ", uses.Select(u => $"'{u.Label.Name}' is used by {u.Count:N0} annotated items"))
                + ". Removing it clears those annotations; confirm with removeAnnotationsOfRemovedLabels to go ahead.");
        if (uses.Count > 0) await ClearAsync(db, project, uses.Select(u => u.Label.Id).ToHashSet(), ct);

        project.SetLabels(labels, now);
        var parts = new List<string>();
        if (added > 0) parts.Add($"{added} label{(added == 1 ? "" : "s")} added");
        parts.AddRange(renamed.Select(r => $"'{r.old.Name}' renamed '{r.now!.Name}'"));
        parts.AddRange(removed.Select(r => $"'{r.Name}' removed" + (uses.FirstOrDefault(u => u.Label.Id == r.Id) is { Count: > 0 } u ? $" with {u.Count:N0} annotations" : "")));
        return new Result(Summary: parts.Count == 0 ? "labels recolored or reordered" : string.Join(", ", parts));
    }

    private static async Task ClearAsync(PlatformDb db, AnnotationProject project, IReadOnlySet<int> labelIds, CancellationToken ct)
    {
        var markers = labelIds.Select(id => $",{id},").ToList();
        var tasks = await db.AnnotationTasks.Where(t => t.ProjectId == project.Id && t.LabelSet != "").ToListAsync(ct);
        foreach (var task in tasks.Where(t => markers.Any(t.LabelSet.Contains)))
            if (project.IsDetection) task.RemoveBoxes(labelIds);
            else task.Clear();
    }
}
