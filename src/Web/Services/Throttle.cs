namespace Platform.Web.Services;

/// <summary>
/// Collapses a burst of live events into one reload at most every <paramref name="interval"/>: the first request waits
/// out the rest of the interval since the last run, and requests made meanwhile join it. Call from the renderer
/// (inside InvokeAsync), which runs one thing at a time.
/// </summary>
public sealed class Throttle(TimeSpan interval)
{
    private bool _pending;

    public DateTimeOffset Last { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Records a run made directly (the first load), so the next request waits its turn.</summary>
    public void Ran() => Last = DateTimeOffset.UtcNow;

    public async Task RunAsync(Func<Task> work, CancellationToken ct)
    {
        if (_pending) return;
        _pending = true;
        try
        {
            var wait = interval - (DateTimeOffset.UtcNow - Last);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            _pending = false;
            Ran();
            await work();
        }
        catch (OperationCanceledException) { }
        finally { _pending = false; }
    }
}
