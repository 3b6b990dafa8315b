using Microsoft.Extensions.Logging;
using Platform.Contracts;

namespace Platform.Storage.Events;

/// <summary>The handler list both buses deliver to; one failing handler does not stop the others.</summary>
public sealed class Subscribers(ILogger<Subscribers> logger)
{
    private readonly Lock _gate = new();
    private Func<LiveEventDto, Task>[] _handlers = [];

    public IDisposable Add(Func<LiveEventDto, Task> handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Unsubscriber(() => { lock (_gate) _handlers = _handlers.Where(h => h != handler).ToArray(); });
    }

    public async Task DeliverAsync(LiveEventDto e)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try { await handler(e); }
            catch (Exception ex) { logger.LogWarning(ex, "A live event handler failed for {Type}", e.Type); }
        }
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
