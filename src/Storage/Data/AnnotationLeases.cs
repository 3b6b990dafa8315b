using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>
/// Who holds which annotation task. Every take and every save is one conditional UPDATE, so two people never hold or
/// write the same task, whichever database and however many api processes there are.
/// </summary>
public static class AnnotationLeases
{
    /// <summary>
    /// The caller's batch: the tasks they still hold unannotated and their rejected tasks, topped up with open tasks
    /// nobody holds (in item order, or least confident suggestion first) up to <paramref name="count"/>. Returns the ids
    /// in the order to work on them.
    /// </summary>
    public static async Task<List<Guid>> NextBatchAsync(this PlatformDb db, Guid projectId, Guid userId, int count, DateTimeOffset now,
        TimeSpan lease, AnnotationQueueOrder order, bool overlapping, CancellationToken ct)
    {
        var expires = now + lease;
        var rejected = await db.AnnotationTasks.Where(t => t.ProjectId == projectId && t.State == AnnotationTaskState.Rejected && t.AnnotatedBy == userId
                && (t.HolderId == null || t.HolderId == userId || t.LeaseExpiresAt < now))
            .OrderBy(t => t.Ordinal).Select(t => t.Id).Take(count).ToListAsync(ct);
        var held = await db.AnnotationTasks.Where(t => t.ProjectId == projectId && t.HolderId == userId && t.LeaseExpiresAt >= now
                && t.State == AnnotationTaskState.Open)
            .OrderBy(t => t.Ordinal).Select(t => t.Id).Take(count).ToListAsync(ct);
        var batch = rejected.Concat(held).Distinct().Take(count).ToList();
        foreach (var id in batch) await TakeAsync(db, id, userId, now, expires, ct);
        var items = (await db.AnnotationTasks.Where(t => batch.Contains(t.Id)).Select(t => t.ItemId).ToListAsync(ct)).ToHashSet();

        // Candidates may be taken by someone else between the read and the update: take them one by one, and read more
        // until the batch is full or no open task is left.
        while (batch.Count < count)
        {
            var open = db.AnnotationTasks.Where(t => t.ProjectId == projectId && t.State == AnnotationTaskState.Open
                && (t.HolderId == null || t.LeaseExpiresAt < now) && !batch.Contains(t.Id));
            // With overlap, a person labels each item once: not an item they annotated or hold in another replica.
            if (overlapping)
                open = open.Where(t => !db.AnnotationTasks.Any(o => o.ProjectId == projectId && o.ItemId == t.ItemId && o.Id != t.Id
                    && (o.AnnotatedBy == userId || (o.HolderId == userId && o.LeaseExpiresAt >= now))));
            var ordered = order == AnnotationQueueOrder.LeastConfidentFirst
                ? open.OrderBy(t => t.SuggestionConfidence == null).ThenBy(t => t.SuggestionConfidence).ThenBy(t => t.Ordinal).ThenBy(t => t.Replica)
                : open.OrderBy(t => t.Ordinal).ThenBy(t => t.Replica);
            var candidates = await ordered.Select(t => new { t.Id, t.ItemId }).Take(count - batch.Count).ToListAsync(ct);
            if (candidates.Count == 0) break;
            var progressed = false;
            foreach (var candidate in candidates.DistinctBy(c => c.ItemId))
            {
                if (overlapping && items.Contains(candidate.ItemId)) continue;
                if (!await TakeAsync(db, candidate.Id, userId, now, expires, ct)) continue;
                batch.Add(candidate.Id);
                items.Add(candidate.ItemId);
                progressed = true;
            }
            if (!progressed && candidates.All(c => items.Contains(c.ItemId))) break;
        }
        return batch;
    }

    /// <summary>Takes or renews one task for the caller, if nobody else holds it now.</summary>
    private static async Task<bool> TakeAsync(PlatformDb db, Guid taskId, Guid userId, DateTimeOffset now, DateTimeOffset expires, CancellationToken ct) =>
        await db.AnnotationTasks.Where(t => t.Id == taskId && (t.HolderId == null || t.HolderId == userId || t.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.HolderId, userId).SetProperty(t => t.LeaseExpiresAt, expires), ct) == 1;

    /// <summary>
    /// Saves the caller's annotation if they may: they hold the task (an expired hold counts until someone takes the task
    /// over), or nobody does and it is their own annotation (going back to an earlier item). Accepted tasks are final.
    /// False when the task was taken over or accepted.
    /// </summary>
    public static async Task<bool> SaveAsync(this PlatformDb db, Guid projectId, Guid taskId, Guid userId, int? labelId,
        IReadOnlyList<AnnotationBoxDto>? boxes, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var expires = now + lease;
        var boxesJson = AnnotationTask.BoxesJsonOf(boxes);
        var labelSet = AnnotationTask.LabelSetOf(labelId, boxes);
        return await db.AnnotationTasks.Where(t => t.Id == taskId && t.ProjectId == projectId && t.State != AnnotationTaskState.Accepted
                && (t.HolderId == userId || ((t.HolderId == null || t.LeaseExpiresAt < now) && t.AnnotatedBy == userId)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.LabelId, labelId).SetProperty(t => t.BoxesJson, boxesJson).SetProperty(t => t.LabelSet, labelSet)
                .SetProperty(t => t.State, AnnotationTaskState.Annotated).SetProperty(t => t.FromVersion, false)
                .SetProperty(t => t.SuggestionTaken, t => t.SuggestedLabelId != null && t.SuggestedLabelId == labelId)
                .SetProperty(t => t.AnnotatedBy, userId).SetProperty(t => t.AnnotatedAt, now)
                .SetProperty(t => t.HolderId, userId).SetProperty(t => t.LeaseExpiresAt, expires)
                .SetProperty(t => t.Revision, t => t.Revision + 1), ct) == 1;
    }

    /// <summary>Gives up every task the caller holds, so others may take the open ones at once.</summary>
    public static Task<int> ReleaseAsync(this PlatformDb db, Guid projectId, Guid userId, CancellationToken ct) =>
        db.AnnotationTasks.Where(t => t.ProjectId == projectId && t.HolderId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.HolderId, (Guid?)null).SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null), ct);
}
