using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Contracts;

/// <summary>Connects to the live hub, reconnects on its own, and rejoins workspace groups after a reconnect.</summary>
public sealed class LiveEventsClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly HashSet<Guid> _workspaces = [];
    private readonly HashSet<(Guid Workspace, string Resource)> _resources = [];

    /// <param name="configureHttp">Transport options: a bearer token provider for scripts, a test server's handler.</param>
    public LiveEventsClient(Uri baseAddress, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configureHttp = null)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, LiveEvents.HubPath.TrimStart('/')), o => configureHttp?.Invoke(o))
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)])
            .AddJsonProtocol(o => PlatformClient.Configure(o.PayloadSerializerOptions))
            .Build();
        _connection.On<LiveEventDto>(LiveEvents.ClientMethod, e => Received?.Invoke(e));
        _connection.Reconnecting += _ => { StateChanged?.Invoke(); return Task.CompletedTask; };
        _connection.Closed += _ => { StateChanged?.Invoke(); return Task.CompletedTask; };
        // The server closes an account's connections when it loses access; rejoining is authorized again, and a
        // workspace this account may no longer see is dropped instead of stopping the other rejoins.
        _connection.Reconnected += async _ =>
        {
            foreach (var ws in _workspaces.ToArray())
                if (!await RejoinAsync(LiveEvents.JoinWorkspace, ws, null)) _workspaces.Remove(ws);
            foreach (var (ws, resource) in _resources.ToArray())
                if (!await RejoinAsync(LiveEvents.JoinResource, ws, resource)) _resources.Remove((ws, resource));
            StateChanged?.Invoke();
        };
    }

    private async Task<bool> RejoinAsync(string method, Guid ws, string? resource)
    {
        try
        {
            if (resource is null) await _connection.InvokeAsync(method, ws);
            else await _connection.InvokeAsync(method, ws, resource);
            return true;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException) { return false; }
    }

    public event Action<LiveEventDto>? Received;
    public event Action? StateChanged;

    public HubConnectionState State => _connection.State;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_connection.State == HubConnectionState.Disconnected) await _connection.StartAsync(ct);
        StateChanged?.Invoke();
    }

    public async Task JoinWorkspaceAsync(Guid ws, CancellationToken ct = default)
    {
        await _connection.InvokeAsync(LiveEvents.JoinWorkspace, ws, ct);
        _workspaces.Add(ws);
    }

    public async Task JoinResourceAsync(Guid ws, string resourceId, CancellationToken ct = default)
    {
        await _connection.InvokeAsync(LiveEvents.JoinResource, ws, resourceId, ct);
        _resources.Add((ws, resourceId));
    }

    public async Task LeaveResourceAsync(Guid ws, string resourceId, CancellationToken ct = default)
    {
        _resources.Remove((ws, resourceId));
        if (_connection.State == HubConnectionState.Connected) await _connection.InvokeAsync(LiveEvents.LeaveResource, ws, resourceId, ct);
    }

    public async Task LeaveWorkspaceAsync(Guid ws, CancellationToken ct = default)
    {
        _workspaces.Remove(ws);
        if (_connection.State == HubConnectionState.Connected) await _connection.InvokeAsync(LiveEvents.LeaveWorkspace, ws, ct);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
