using System.Text.Json;
using Hangfire;
using Platform.Contracts.Jobs;

namespace Platform.Api.Infrastructure;

/// <summary>Records an operation row, enqueues its job (IDs only) and announces it live.</summary>
public sealed class OperationStarter(PlatformDb db, IBackgroundJobClient jobs, ResourceEvents events, TimeProvider clock)
{
    /// <param name="audit">An audit action and its target (a dataset's name) to record with the operation, if any.</param>
    public async Task<Operation> StartAsync(WorkspaceMember member, string kind, Guid? subjectId, object? payload, CancellationToken ct,
        (string Action, string Target)? audit = null)
    {
        var operation = new Operation(member.WorkspaceId, kind, member.UserId, clock.GetUtcNow(), subjectId,
            payload is null ? null : JsonSerializer.Serialize(payload, payload.GetType(), PlatformClient.Json));
        db.Operations.Add(operation);
        if (audit is var (action, target))
            db.Audit(clock, action, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), target, $"operation {operation.Id}");
        await db.SaveChangesAsync(ct);
        await EnqueueAsync(operation, ct);
        return operation;
    }

    /// <summary>Enqueues the job of an operation already saved (with the rows that go with it) and announces it.</summary>
    public async Task EnqueueAsync(Operation operation, CancellationToken ct)
    {
        await jobs.EnqueueAsync(db, operation);
        await events.OperationChangedAsync(operation, ct);
    }
}
