using System.Collections.Concurrent;
using Platform.Storage.Events;

namespace Platform.Serving;

/// <summary>
/// Valid endpoint keys seen lately, so a predict request does not read the database: an entry lives 30 seconds and
/// every endpoint event (a key revoked, an endpoint changed or deleted) empties the cache, in every serving process.
/// Unknown keys are never cached, and the cache is bounded.
/// </summary>
public sealed class EndpointKeyCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly IDisposable subscription;
    private readonly TimeProvider clock;
    private int generation;

    public EndpointKeyCache(IEventBus events, TimeProvider clock)
    {
        this.clock = clock;
        subscription = events.Subscribe(e =>
        {
            if (e.Type == LiveEvents.EndpointChanged)
            {
                Interlocked.Increment(ref generation);
                entries.Clear();
            }
            return Task.CompletedTask;
        });
    }

    public Guid? Find(string hash) =>
        entries.TryGetValue(hash, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.EndpointId : null;

    /// <summary>Take it before reading a key from the database, and give it to <see cref="Remember"/>.</summary>
    public int Generation => Volatile.Read(ref generation);

    /// <summary>
    /// Keeps a key read from the database, unless an endpoint event came since <paramref name="readAt"/>: the key may
    /// have been revoked after it was read.
    /// </summary>
    public void Remember(string hash, Guid endpointId, int readAt)
    {
        if (entries.Count >= MaxEntries) entries.Clear();
        entries[hash] = new Entry(endpointId, clock.GetUtcNow() + Lifetime);
        if (Generation != readAt) entries.TryRemove(hash, out _);
    }

    public void Dispose() => subscription.Dispose();

    private sealed record Entry(Guid EndpointId, DateTimeOffset Expires);
}
