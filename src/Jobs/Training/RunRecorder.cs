using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Ml;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Training;

/// <summary>
/// Takes metrics, log lines and progress from the training thread without blocking it, and writes them in batches
/// (every 250 ms) from its own database scope, announcing each batch live. <see cref="FlushAsync"/> waits until
/// everything reported so far is stored (a checkpoint is recorded only after the metrics before it).
/// </summary>
public sealed class RunRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ResourceEvents _events;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Guid _workspaceId;
    private readonly Guid _runId;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopped = new();
    private TrainingProgress? _progress;
    private DateTimeOffset _progressWritten;

    public RunRecorder(IServiceScopeFactory scopes, ResourceEvents events, TimeProvider clock, ILogger logger, Guid workspaceId, Guid runId)
    {
        (_scopes, _events, _clock, _logger, _workspaceId, _runId) = (scopes, events, clock, logger, workspaceId, runId);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Cancelled when the run is no longer Running in the database (cancelled, or taken over).</summary>
    public CancellationToken Stopped => _stopped.Token;

    public IProgress<MetricPoint> Metrics => new Reporter<MetricPoint>(p => Post(new RunMetric(_runId, p.Name, p.Step, p.Epoch, p.Value, Now())));

    public IProgress<string> Log => new Reporter<string>(line => Post(new RunLogLine(_runId, _clock.GetUtcNow(), line)));

    public IProgress<TrainingProgress> Progress => new Reporter<TrainingProgress>(p => Volatile.Write(ref _progress, p));

    /// <summary>The training step last reported (0 before the first).</summary>
    public long CurrentStep => Volatile.Read(ref _progress)?.Step ?? 0;

    public void Metric(string name, long step, int? epoch, double value) => Post(new RunMetric(_runId, name, step, epoch, value, Now()));

    public void Line(string text) => Post(new RunLogLine(_runId, _clock.GetUtcNow(), text));

    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(done);
        await done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _stopped.Dispose();
    }

    private void Post(object entry) => _queue.Writer.TryWrite(entry);

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task LoopAsync()
    {
        var pending = new List<object>();
        var reader = _queue.Reader;
        while (true)
        {
            var more = await WaitAsync(reader);
            while (reader.TryRead(out var entry)) pending.Add(entry);
            if (await TryWriteAsync(pending)) pending.Clear();
            if (!more && pending.Count == 0) return;
            if (!more) await Task.Delay(Interval); // the store is failing: retry what is left
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<object> reader)
    {
        using var tick = new CancellationTokenSource(Interval);
        try { return await reader.WaitToReadAsync(tick.Token); }
        catch (OperationCanceledException) { return true; }
    }

    private async Task<bool> TryWriteAsync(List<object> pending)
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            var metrics = pending.OfType<RunMetric>().ToList();
            var lines = pending.OfType<RunLogLine>().ToList();
            db.RunMetrics.AddRange(metrics);
            db.RunLogLines.AddRange(lines);
            if (metrics.Count + lines.Count > 0) await db.SaveChangesAsync(CancellationToken.None);
            await WriteProgressAsync(db);
            if (metrics.Count > 0) await _events.RunMetricsAsync(_workspaceId, _runId, CancellationToken.None);
            if (lines.Count > 0) await _events.RunLogAsync(_workspaceId, _runId, CancellationToken.None);
            foreach (var flushed in pending.OfType<TaskCompletionSource>()) flushed.TrySetResult();
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not record the progress of run {RunId}; retrying", _runId);
            return false;
        }
    }

    private async Task WriteProgressAsync(PlatformDb db)
    {
        var progress = Volatile.Read(ref _progress);
        var now = _clock.GetUtcNow();
        if (progress is null || now - _progressWritten < TimeSpan.FromSeconds(1)) return;
        _progressWritten = now;
        var written = await db.Runs.Where(r => r.Id == _runId && r.Status == RunStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Progress, Math.Clamp(progress.Fraction, 0, 1))
            .SetProperty(r => r.Step, progress.Step)
            .SetProperty(r => r.Epoch, progress.Epoch)
            .SetProperty(r => r.RemainingSeconds, progress.Remaining.TotalSeconds), CancellationToken.None);
        if (written == 0)
        {
            await _stopped.CancelAsync();
            return;
        }
        await _events.RunChangedAsync(_workspaceId, _runId, nameof(RunStatus.Running), CancellationToken.None);
    }

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
