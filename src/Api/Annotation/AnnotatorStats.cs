namespace Platform.Api.Annotation;

/// <summary>Per-person progress in a project: what they annotated and how it fared in review, what they hold now, their pace.</summary>
public static class AnnotatorStats
{
    public static async Task<IReadOnlyList<AnnotatorStatsDto>> ReadAsync(PlatformDb db, Guid projectId, DateTimeOffset now, CancellationToken ct)
    {
        var hourAgo = now.AddHours(-1);
        var work = await db.AnnotationTasks.Where(t => t.ProjectId == projectId && t.AnnotatedBy != null && !t.FromVersion)
            .GroupBy(t => t.AnnotatedBy!.Value)
            .Select(g => new
            {
                UserId = g.Key,
                Annotated = g.Count(),
                Accepted = g.Count(t => t.State == AnnotationTaskState.Accepted),
                Rejected = g.Count(t => t.State == AnnotationTaskState.Rejected),
                PerHour = g.Count(t => t.AnnotatedAt >= hourAgo),
                LastAt = g.Max(t => t.AnnotatedAt),
            }).ToListAsync(ct);
        var holding = await db.AnnotationTasks.Where(t => t.ProjectId == projectId && t.HolderId != null && t.LeaseExpiresAt >= now && t.State == AnnotationTaskState.Open)
            .GroupBy(t => t.HolderId!.Value).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var userIds = work.Select(w => w.UserId).Concat(holding.Select(h => h.UserId)).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return userIds.Where(users.ContainsKey).Select(id =>
        {
            var w = work.FirstOrDefault(x => x.UserId == id);
            return new AnnotatorStatsDto(id, users[id].Email ?? "", users[id].DisplayName, w?.Annotated ?? 0, w?.Accepted ?? 0, w?.Rejected ?? 0,
                holding.FirstOrDefault(h => h.UserId == id)?.Count ?? 0, w?.PerHour ?? 0, w?.LastAt,
                w is { } done && done.Accepted + done.Rejected > 0 ? (double)done.Accepted / (done.Accepted + done.Rejected) : null);
        }).OrderByDescending(a => a.Annotated).ThenBy(a => a.Email, StringComparer.Ordinal).ToList();
    }
}
