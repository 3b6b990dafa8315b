using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;

namespace Platform.Api.Live;

/// <summary>
/// Forwards every bus event to this replica's SignalR clients: workspace events to the workspace group (and, when
/// they name a resource, to that resource's group too), the rest to everyone signed in.
/// </summary>
public sealed class LiveEventRelay(IEventBus bus, IHubContext<LiveHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(async e =>
        {
            if (e.WorkspaceId is not { } ws)
            {
                await hub.Clients.Group(LiveHub.EveryoneGroup).SendAsync(LiveEvents.ClientMethod, e);
                return;
            }
            await hub.Clients.Group(LiveHub.WorkspaceGroup(ws)).SendAsync(LiveEvents.ClientMethod, e);
            if (e.ResourceId is { } resource)
                await hub.Clients.Group(LiveHub.ResourceGroup(ws, resource)).SendAsync(LiveEvents.ClientMethod, e);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
