using Platform.Contracts;

namespace Platform.Storage.Events;

public sealed class InProcessEventBus(Subscribers subscribers) : IEventBus
{
    public Task PublishAsync(LiveEventDto e, CancellationToken ct = default) => subscribers.DeliverAsync(e);

    public IDisposable Subscribe(Func<LiveEventDto, Task> handler) => subscribers.Add(handler);
}
