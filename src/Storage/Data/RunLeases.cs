using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Storage.Data;

/// <summary>
/// A training run's lease in the database: taken by the worker that trains it, renewed while it trains, fenced by a
/// token that every takeover raises. Each operation is one conditional UPDATE, so two workers never both win.
/// </summary>
public static class RunLeases
{
    /// <summary>Takes the lease if it is free or expired; returns the new fencing token, or null when another worker holds it.</summary>
    public static async Task<long?> TakeAsync(this PlatformDb db, Guid runId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var expires = now + duration;
        var taken = await db.Runs.Where(r => r.Id == runId && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseToken, r => r.LeaseToken + 1)
                .SetProperty(r => r.LeaseExpiresAt, expires), ct);
        if (taken == 0) return null;
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.LeaseToken).SingleAsync(ct);
    }

    /// <summary>Extends the lease if this token still holds it and the run still runs; false means stop writing.</summary>
    public static async Task<bool> RenewAsync(this PlatformDb db, Guid runId, long token, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var expires = now + duration;
        return await db.Runs.Where(r => r.Id == runId && r.LeaseToken == token && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, expires), ct) == 1;
    }

    /// <summary>Gives the lease up (a clean stop), so that the next worker need not wait for it to expire.</summary>
    public static Task ReleaseAsync(this PlatformDb db, Guid runId, long token, CancellationToken ct) =>
        db.Runs.Where(r => r.Id == runId && r.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(r => r.LeaseOwner, (string?)null), ct);

    /// <summary>Operations of running runs whose lease has expired: their worker is gone, whatever the job storage says.</summary>
    public static Task<List<Guid>> AbandonedOperationsAsync(this PlatformDb db, DateTimeOffset now, CancellationToken ct) =>
        db.Runs.Where(r => r.Status == RunStatus.Running && r.LeaseExpiresAt != null && r.LeaseExpiresAt < now && r.OperationId != null)
            .Select(r => r.OperationId!.Value).ToListAsync(ct);
}
