namespace Platform.Jobs.Workers;

internal static class Timers
{
    /// <summary>Waits for the next tick; false when stopping instead of throwing.</summary>
    public static async Task<bool> NextTickAsync(this PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
