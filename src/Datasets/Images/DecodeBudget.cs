namespace Platform.Datasets.Images;

/// <summary>
/// Bounds the memory of decodes running at once, whatever the parallelism: each decode holds its weight in bytes
/// until it ends; one that needs more than the whole budget waits until it can run alone. First come, first served.
/// </summary>
public sealed class DecodeBudget
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = [];
    private long _free;

    public DecodeBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = _free = capacity;
    }

    public long Capacity { get; }

    /// <summary>Bytes held by the decodes running now.</summary>
    public long InUse
    {
        get { lock (_lock) return Capacity - _free; }
    }

    /// <summary>Waits until <paramref name="bytes"/> (at most the capacity) are free and holds them until the result is disposed.</summary>
    public async Task<IDisposable> AcquireAsync(long bytes, CancellationToken ct)
    {
        var weight = Math.Clamp(bytes, 0, Capacity);
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _free >= weight)
            {
                _free -= weight;
                return new Lease(this, weight);
            }
            node = _waiting.AddLast((weight, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }
        try
        {
            await node.Value.Item2.Task.WaitAsync(ct);
            return new Lease(this, weight);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                // Granted just as it was cancelled: give the bytes back.
                if (node.List is null) _free += weight;
                else _waiting.Remove(node);
                Wake();
            }
            throw;
        }
    }

    private void Release(long weight)
    {
        lock (_lock)
        {
            _free += weight;
            Wake();
        }
    }

    /// <summary>Grants waiters in order while the first one fits. Called under the lock.</summary>
    private void Wake()
    {
        while (_waiting.First is { } first && first.Value.Bytes <= _free)
        {
            _free -= first.Value.Bytes;
            _waiting.RemoveFirst();
            first.Value.Ready.SetResult();
        }
    }

    private sealed class Lease(DecodeBudget budget, long weight) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) budget.Release(weight);
        }
    }
}
