using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Contracts;

namespace Platform.Web.Services;

public enum LiveStatus { Offline, Reconnecting, Live }

/// <summary>
/// The portal's single connection to the live hub. Started after sign-in, joins the current workspace's group
/// (and leaves the previous one), keeps the most recent events of that workspace, and restarts itself after the
/// hub client's own reconnect attempts give up.
/// </summary>
public sealed class LiveConnection(Uri baseAddress) : IAsyncDisposable
{
    public const int MaxRecent = 50;
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private readonly List<LiveEventDto> _recent = [];
    private LiveEventsClient? _client;
    private Guid? _workspace;
    private bool _wanted;
    private bool _starting;
    private int _failures;
    private CancellationTokenSource? _retry;

    public LiveStatus Status { get; private set; } = LiveStatus.Offline;

    /// <summary>Events of the current workspace, newest first (at most <see cref="MaxRecent"/>).</summary>
    public IReadOnlyList<LiveEventDto> Recent => _recent;

    public event Action? StatusChanged;
    public event Action<LiveEventDto>? Received;

    public async Task StartAsync()
    {
        _wanted = true;
        if (_client is null)
        {
            _client = new LiveEventsClient(baseAddress);
            _client.Received += OnReceived;
            _client.StateChanged += OnStateChanged;
        }
        await ConnectAsync();
    }

    public async Task SwitchWorkspaceAsync(Guid? workspace)
    {
        if (workspace == _workspace) return;
        var previous = _workspace;
        _workspace = workspace;
        _recent.Clear();
        if (_client is null || _client.State != HubConnectionState.Connected) return;
        try
        {
            if (previous is { } old) await _client.LeaveWorkspaceAsync(old);
            if (workspace is { } ws) await _client.JoinWorkspaceAsync(ws);
        }
        catch (Exception) when (_client.State != HubConnectionState.Connected)
        {
            // The connection dropped meanwhile; the reconnect path joins the current workspace again.
        }
        catch (HubException)
        {
            // Not allowed to join (removed from the workspace): no live events for it.
        }
    }

    public async Task StopAsync()
    {
        _wanted = false;
        _retry?.Cancel();
        _recent.Clear();
        _workspace = null;
        if (_client is not null)
        {
            var client = _client;
            _client = null;
            client.Received -= OnReceived;
            client.StateChanged -= OnStateChanged;
            await client.DisposeAsync();
        }
        SetStatus(LiveStatus.Offline);
    }

    private async Task ConnectAsync()
    {
        if (_client is null || _starting || _client.State != HubConnectionState.Disconnected) return;
        _starting = true;
        SetStatus(LiveStatus.Reconnecting);
        try
        {
            await _client.StartAsync();
            _failures = 0;
            if (_workspace is { } ws) await _client.JoinWorkspaceAsync(ws);
        }
        catch (Exception)
        {
            // Server unreachable or not signed in yet: OnStateChanged below schedules the next attempt.
        }
        finally
        {
            _starting = false;
            OnStateChanged();
        }
    }

    private void ScheduleRetry()
    {
        if (!_wanted) return;
        _retry?.Cancel();
        _retry = new CancellationTokenSource();
        var token = _retry.Token;
        var delay = RetryDelays[Math.Min(_failures++, RetryDelays.Length - 1)];
        _ = Task.Delay(delay, token).ContinueWith(async t =>
        {
            if (!t.IsCanceled && _wanted) await ConnectAsync();
        }, TaskScheduler.Default);
    }

    private void OnStateChanged()
    {
        var state = _client?.State ?? HubConnectionState.Disconnected;
        SetStatus(state switch
        {
            HubConnectionState.Connected => LiveStatus.Live,
            HubConnectionState.Connecting or HubConnectionState.Reconnecting => LiveStatus.Reconnecting,
            _ => _starting ? LiveStatus.Reconnecting : LiveStatus.Offline,
        });
        if (state == HubConnectionState.Disconnected && !_starting && _wanted) ScheduleRetry();
    }

    private void OnReceived(LiveEventDto e)
    {
        if (e.WorkspaceId is { } ws && ws == _workspace)
        {
            _recent.Insert(0, e);
            if (_recent.Count > MaxRecent) _recent.RemoveRange(MaxRecent, _recent.Count - MaxRecent);
        }
        Received?.Invoke(e);
    }

    private void SetStatus(LiveStatus status)
    {
        if (Status == status) return;
        Status = status;
        StatusChanged?.Invoke();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
