using Platform.Contracts;

namespace Platform.Storage.Events;

/// <summary>
/// Carries small live events between processes: in-process in embedded mode, PostgreSQL LISTEN/NOTIFY in production.
/// Every subscriber in every process receives every event.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(LiveEventDto e, CancellationToken ct = default);

    /// <summary>Registers a handler; dispose the result to stop receiving.</summary>
    IDisposable Subscribe(Func<LiveEventDto, Task> handler);
}
