using Platform.Storage.Data;

namespace Platform.Jobs.Training;

/// <summary>This worker's hold on a run: its fencing token, renewed with every write batch and at least every few seconds.</summary>
public sealed class RunLease(Guid runId, long token, TrainingOptions options)
{
    private DateTimeOffset _renewed;

    public long Token => token;

    public bool RenewalDue(DateTimeOffset now) => now - _renewed >= options.RenewEvery;

    public async Task<bool> RenewAsync(PlatformDb db, DateTimeOffset now)
    {
        if (!await db.RenewAsync(runId, token, now, options.Lease, CancellationToken.None)) return false;
        _renewed = now;
        return true;
    }
}
