using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Platform.Storage.Events;

namespace Platform.Api.Live;

/// <summary>Forwards every bus event to this replica's SignalR clients: workspace events to the workspace group, the rest to everyone.</summary>
public sealed class LiveEventRelay(IEventBus bus, IHubContext<LiveHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(e => e.WorkspaceId is { } ws
            ? hub.Clients.Group(LiveHub.WorkspaceGroup(ws)).SendAsync(LiveEvents.ClientMethod, e)
            : hub.Clients.Group(LiveHub.EveryoneGroup).SendAsync(LiveEvents.ClientMethod, e));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
