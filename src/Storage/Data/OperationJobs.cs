using Hangfire;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Jobs;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

public static class OperationJobs
{
    /// <summary>
    /// Enqueues the job of an operation already saved, on the operation's queue, and records the job's id. The job takes
    /// the operation's id only. The id is recorded whatever happens to the request meanwhile: the job exists by then.
    /// </summary>
    public static async Task EnqueueAsync(this IBackgroundJobClient jobs, PlatformDb db, Operation operation)
    {
        var jobId = jobs.Enqueue<IOperationJob>(OperationQueues.For(operation), j => j.RunAsync(operation.Id, CancellationToken.None));
        await db.AssignJobAsync(operation, jobId, CancellationToken.None);
    }

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
