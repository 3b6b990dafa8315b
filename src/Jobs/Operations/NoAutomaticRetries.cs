using Hangfire;

namespace Platform.Jobs.Operations;

/// <summary>
/// Hangfire retries a failed job 10 times by default, and each retry runs the handler again from the start. An
/// operation records its own failures in its row, so what reaches Hangfire is an infrastructure failure (database
/// gone, process stopping); re-running then would repeat work and hide the failure for hours. The reconciler is
/// the recovery path instead: it re-enqueues Queued or Running operations whose job is no longer alive, once.
/// Hangfire's filters are process-wide, so this is applied once per process.
/// </summary>
public static class NoAutomaticRetries
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        GlobalJobFilters.Filters.Remove(typeof(AutomaticRetryAttribute));
        GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail });
        return true;
    });

    public static void Apply() => _ = Applied.Value;
}
