using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;

namespace Platform.Api.Live;

/// <summary>
/// Forwards every bus event to this replica's SignalR clients: workspace events to the workspace group (and, when
/// they name a resource, to that resource's group too), the rest to everyone signed in. An account that lost access
/// has its connections on this replica closed instead.
/// </summary>
public sealed class LiveEventRelay(IEventBus bus, IHubContext<LiveHub> hub, LiveConnections connections) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(async e =>
        {
            if (e.Type == LiveEvents.AccessRevoked)
            {
                await RevokeAsync(e);
                return;
            }
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

    private async Task RevokeAsync(LiveEventDto e)
    {
        if (!Guid.TryParse(e.ResourceId, out var userId)) return;
        if (e.WorkspaceId is not { } ws)
        {
            connections.Close(userId, e.Message);
            return;
        }
        foreach (var (connectionId, group) in connections.TakeWorkspaceGroups(userId, ws))
            await hub.Groups.RemoveFromGroupAsync(connectionId, group);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
