using Microsoft.EntityFrameworkCore;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

public static class OperationJobs
{
    /// <summary>
    /// Records the job that holds the operation without the state check a normal save makes: the job may already have
    /// started the operation (Queued → Running) by the time its id is written, and that is no conflict.
    /// </summary>
    public static async Task AssignJobAsync(this PlatformDb db, Operation operation, string jobId, CancellationToken ct)
    {
        await db.Operations.Where(o => o.Id == operation.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.JobId, jobId), ct);
        operation.AssignJob(jobId);
        db.Entry(operation).Property(o => o.JobId).IsModified = false;
    }
}
