namespace Platform.Jobs.Workers;

/// <summary>What this worker is running now, shown in the portal's worker list.</summary>
public sealed class CurrentJobs
{
    private readonly Lock _gate = new();
    private readonly List<string> _running = [];

    public IDisposable Begin(string description)
    {
        lock (_gate) _running.Add(description);
        return new End(this, description);
    }

    public string? Describe()
    {
        lock (_gate) return _running.Count == 0 ? null : string.Join(", ", _running);
    }

    private sealed class End(CurrentJobs owner, string description) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate) owner._running.Remove(description);
        }
    }
}
