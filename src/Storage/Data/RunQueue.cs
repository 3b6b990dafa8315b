using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>The order of a training queue: the higher priority first, then the earlier run.</summary>
public static class RunQueue
{
    /// <summary>The runs waiting on <paramref name="run"/>'s queue that start before it.</summary>
    public static IQueryable<Run> Ahead(this IQueryable<Run> runs, Run run) =>
        runs.Where(r => r.Status == RunStatus.Queued && r.Queue == run.Queue && r.Id != run.Id
            && (r.Priority > run.Priority || (r.Priority == run.Priority && r.CreatedAt < run.CreatedAt)));
}
