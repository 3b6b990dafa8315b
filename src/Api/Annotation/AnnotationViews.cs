namespace Platform.Api.Annotation;

/// <summary>Projects and tasks as DTOs, with the counts, items and people they show, read in a few queries per page.</summary>
public static class AnnotationViews
{
    public static async Task<List<AnnotationProjectDto>> ProjectsAsync(PlatformDb db, IReadOnlyList<AnnotationProject> projects, CancellationToken ct)
    {
        var ids = projects.Select(p => p.Id).ToList();
        var counts = await db.AnnotationTasks.Where(t => ids.Contains(t.ProjectId)).GroupBy(t => new { t.ProjectId, t.State })
            .Select(g => new { g.Key.ProjectId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        var suggestions = await db.AnnotationTasks.Where(t => ids.Contains(t.ProjectId) && t.SuggestedLabelId != null).GroupBy(t => t.ProjectId)
            .Select(g => new
            {
                ProjectId = g.Key,
                Suggested = g.Count(),
                Decided = g.Count(t => t.AnnotatedBy != null && !t.FromVersion),
                Taken = g.Count(t => t.SuggestionTaken),
            }).ToListAsync(ct);
        var datasetIds = projects.Select(p => p.DatasetId).Distinct().ToList();
        var datasets = await db.Datasets.Where(d => datasetIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var emails = await EmailsAsync(db, projects.Select(p => p.CreatedBy), ct);
        return projects.Select(p =>
        {
            int Count(AnnotationTaskState state) => counts.Where(c => c.ProjectId == p.Id && c.State == state).Sum(c => c.Count);
            var progress = new AnnotationProgressDto(p.TaskCount, Count(AnnotationTaskState.Open), Count(AnnotationTaskState.Annotated),
                Count(AnnotationTaskState.Accepted), Count(AnnotationTaskState.Rejected));
            var suggested = suggestions.FirstOrDefault(s => s.ProjectId == p.Id);
            var suggestionsDto = p.SuggestionSource is null ? null
                : new AnnotationSuggestionsDto(p.SuggestionSource, suggested?.Suggested ?? 0, suggested?.Decided ?? 0, suggested?.Taken ?? 0);
            return new AnnotationProjectDto(p.Id, p.WorkspaceId, p.Name, p.Kind, p.DatasetId, datasets.GetValueOrDefault(p.DatasetId, ""), p.VersionNumber,
                p.Labels, p.Instructions, p.BatchSize, progress, Email(emails, p.CreatedBy), p.CreatedAt, p.UpdatedAt, p.LastVersionNumber,
                suggestionsDto, p.QueueOrder, p.Overlap, p.RetrainRunId);
        }).ToList();
    }

    public static async Task<List<AnnotationTaskDto>> TasksAsync(PlatformDb db, AnnotationProject project, IReadOnlyList<AnnotationTask> tasks,
        Guid caller, DateTimeOffset now, CancellationToken ct)
    {
        var itemIds = tasks.Select(t => t.ItemId).ToList();
        var items = await db.DatasetItems.AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Path, i.Width, i.Height, i.Text, HasContent = i.Sha256 != null }).ToDictionaryAsync(i => i.Id, ct);
        var emails = await EmailsAsync(db, tasks.SelectMany(t => new[] { t.AnnotatedBy, t.ReviewedBy, t.HolderId }), ct);
        var contentBase = $"api/workspaces/{project.WorkspaceId}/datasets/{project.DatasetId}/versions/{project.VersionNumber}/items";
        return tasks.Select(t =>
        {
            var item = items.GetValueOrDefault(t.ItemId);
            var held = t.HolderId is not null && t.LeaseExpiresAt >= now;
            return new AnnotationTaskDto(t.Id, t.ProjectId, t.Ordinal, t.ItemId, item?.Path ?? "", t.State, t.LabelId, t.Boxes,
                item?.Width, item?.Height, item?.Text, item?.HasContent == true ? $"{contentBase}/{t.ItemId}/content" : null, t.FromVersion,
                Email(emails, t.AnnotatedBy), t.AnnotatedAt, Email(emails, t.ReviewedBy), t.ReviewedAt, t.ReviewComment,
                held ? Email(emails, t.HolderId) : null, held ? t.LeaseExpiresAt : null, held && t.HolderId == caller, t.Revision,
                t.SuggestedLabelId, t.SuggestionConfidence);
        }).ToList();
    }

    /// <summary>The accounts' emails by id, in one query.</summary>
    public static async Task<Dictionary<Guid, string>> EmailsAsync(PlatformDb db, IEnumerable<Guid?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
    }

    private static string? Email(Dictionary<Guid, string> emails, Guid? id) => id is { } i ? emails.GetValueOrDefault(i) : null;
}
