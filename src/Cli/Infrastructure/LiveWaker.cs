using System.Threading.Channels;
using Platform.Contracts;

namespace Platform.Cli.Infrastructure;

/// <summary>
/// Wakes a watching command when the server pushes an event about one resource (SignalR, /hubs/events), and at
/// least every few seconds anyway, so nothing is missed between a read and the next event.
/// </summary>
public sealed class LiveWaker : IAsyncDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly LiveEventsClient _live;

    private LiveWaker(LiveEventsClient live) => _live = live;

    public bool IsLive { get; private set; }

    public static async Task<LiveWaker> StartAsync(Session session, Guid ws, Guid resource, Output output, CancellationToken ct)
    {
        var waker = new LiveWaker(session.LiveEvents());
        var id = resource.ToString();
        waker._live.Received += e => { if (e.ResourceId == id) waker._wake.Writer.TryWrite(true); };
        try
        {
            await waker._live.StartAsync(ct);
            await waker._live.JoinResourceAsync(ws, id, ct);
            waker.IsLive = true;
            output.Note($"Following {id} live.");
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
        {
            output.Note($"Live events are unavailable ({e.Message}); checking every few seconds instead.");
        }
        return waker;
    }

    /// <summary>Returns when an event arrived or <paramref name="atMost"/> passed.</summary>
    public async Task WaitAsync(TimeSpan atMost, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(atMost);
        try { await _wake.Reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        _wake.Reader.TryRead(out _);
    }

    public ValueTask DisposeAsync() => _live.DisposeAsync();
}
