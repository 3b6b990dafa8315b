using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Platform.Contracts;

namespace Platform.Bench.Training;

/// <summary>
/// What the run page does: a hub connection over WebSockets (the browser's transport) joined to the workspace, and
/// on each <c>run.metrics</c> event of the run, a read of what is new (<c>GET runs/{id}/metrics?afterId=</c>).
/// Each event is stamped the moment the hub client hands it over.
/// </summary>
internal sealed class LiveMetricWatch : IAsyncDisposable
{
    private readonly LiveEventsClient _live;
    private readonly Channel<long> _arrivals = Channel.CreateUnbounded<long>();
    private readonly BenchServer _server;
    private readonly Guid _run;

    private LiveMetricWatch(BenchServer server, Guid run)
    {
        _server = server;
        _run = run;
        _live = new LiveEventsClient(server.Address, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(server.Token);
        });
        var id = run.ToString();
        _live.Received += e =>
        {
            if (e.Type == LiveEvents.RunMetrics && e.ResourceId == id) _arrivals.Writer.TryWrite(Stopwatch.GetTimestamp());
        };
    }

    /// <summary>The id of the last point stored when the watch started; reads ask for what came after it.</summary>
    public long LastId { get; private set; }

    public static async Task<LiveMetricWatch> StartAsync(BenchServer server, Guid run)
    {
        var watch = new LiveMetricWatch(server, run);
        await watch._live.StartAsync();
        await watch._live.JoinWorkspaceAsync(server.Workspace);
        watch.LastId = (await server.Client.GetRunMetricsAsync(server.Workspace, run)).LastId;
        return watch;
    }

    /// <summary>Events that arrived and were not taken yet are dropped.</summary>
    public void Drain()
    {
        while (_arrivals.Reader.TryRead(out _)) { }
    }

    /// <summary>The next event's arrival (a <see cref="Stopwatch"/> timestamp), or null after <paramref name="timeout"/>.</summary>
    public async Task<long?> NextEventAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { return await _arrivals.Reader.ReadAsync(cancel.Token); }
        catch (OperationCanceledException) { return null; }
    }

    /// <summary>The points stored since the last read, as the run page asks for them.</summary>
    public async Task<RunMetricsDto> ReadNewAsync()
    {
        var metrics = await _server.Client.GetRunMetricsAsync(_server.Workspace, _run, afterId: LastId);
        LastId = Math.Max(LastId, metrics.LastId);
        return metrics;
    }

    public ValueTask DisposeAsync() => _live.DisposeAsync();
}
