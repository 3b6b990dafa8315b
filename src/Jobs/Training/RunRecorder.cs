using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Ml;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

using Platform.Jobs.Operations;

namespace Platform.Jobs.Training;

/// <summary>
/// Takes metrics, log lines and progress from the training thread without blocking it, and writes them in batches
/// (every 250 ms) from its own database scope, announcing each batch live. <see cref="FlushAsync"/> waits until
/// everything reported so far is stored (a checkpoint is recorded only after the metrics before it).
/// </summary>
public sealed class RunRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    /// <summary>
    /// The least time between two writes while points keep coming: a tiny network reports hundreds of points a second,
    /// and a transaction for each took 30% of a table run's speed. A point after a quiet spell is written at once.
    /// </summary>
    private static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(100);
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ResourceEvents _events;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Guid _workspaceId;
    private readonly Guid _runId;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopped = new();
    private readonly RunLease _lease;
    private TrainingProgress? _progress;
    private DateTimeOffset _progressWritten;

    public RunRecorder(IServiceScopeFactory scopes, ResourceEvents events, TimeProvider clock, ILogger logger, Guid workspaceId, Guid runId, RunLease lease)
    {
        (_scopes, _events, _clock, _logger, _workspaceId, _runId, _lease) = (scopes, events, clock, logger, workspaceId, runId, lease);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Cancelled when this worker may no longer write: the run was cancelled, or its lease was taken over.</summary>
    public CancellationToken Stopped => _stopped.Token;

    public IProgress<MetricPoint> Metrics => new Reporter<MetricPoint>(p => Post(new RunMetric(_runId, p.Name, p.Step, p.Epoch, p.Value, Now())));

    public IProgress<string> Log => new Reporter<string>(line => Post(new RunLogLine(_runId, _clock.GetUtcNow(), line)));

    public IProgress<TrainingProgress> Progress => new Reporter<TrainingProgress>(p =>
    {
        // The first report of a resumed run carries the steps taken before: only what this worker adds is counted.
        if (Interlocked.Exchange(ref _progress, p) is { } before) JobTelemetry.StepsTaken(p.Step - before.Step);
    });

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
        var retriesLeft = 20;
        var lastWrite = 0L;
        while (true)
        {
            var more = await WaitAsync(reader);
            var sinceWrite = Stopwatch.GetElapsedTime(lastWrite);
            if (more && sinceWrite < MinGap) await Task.Delay(MinGap - sinceWrite);
            while (reader.TryRead(out var entry)) pending.Add(entry);
            if (await TryWriteAsync(pending))
            {
                pending.Clear();
                lastWrite = Stopwatch.GetTimestamp();
            }
            if (!more && pending.Count == 0) return;
            if (more) continue;
            // Closed, and the database is failing: retry what is left for a few seconds, then say what was lost.
            if (--retriesLeft == 0)
            {
                _logger.LogError("Run {RunId}: {Count} metric points and log lines could not be stored and were dropped", _runId,
                    pending.Count(p => p is not TaskCompletionSource));
                Release(pending);
                return;
            }
            await Task.Delay(Interval);
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<object> reader)
    {
        using var tick = new CancellationTokenSource(Interval);
        try { return await reader.WaitToReadAsync(tick.Token); }
        catch (OperationCanceledException) { return true; }
    }

    /// <summary>
    /// Writes the batch in one transaction that first renews the lease with this worker's token: a worker whose lease
    /// was taken over writes nothing more (its batch is dropped, and training stops).
    /// </summary>
    private async Task<bool> TryWriteAsync(List<object> pending)
    {
        if (_stopped.IsCancellationRequested)
        {
            Release(pending);
            return true;
        }
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            var metrics = pending.OfType<RunMetric>().ToList();
            var lines = pending.OfType<RunLogLine>().ToList();
            if (metrics.Count + lines.Count == 0 && !_lease.RenewalDue(_clock.GetUtcNow()) && !ProgressDue())
            {
                Release(pending);
                return true;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (!await _lease.RenewAsync(db, _clock.GetUtcNow()))
            {
                _logger.LogWarning("Run {RunId} is no longer this worker's (cancelled or taken over); it stops writing", _runId);
                await _stopped.CancelAsync();
                Release(pending);
                return true;
            }
            db.RunMetrics.AddRange(metrics);
            db.RunLogLines.AddRange(lines);
            if (metrics.Count + lines.Count > 0) await db.SaveChangesAsync(CancellationToken.None);
            var progressed = await WriteProgressAsync(db);
            await transaction.CommitAsync(CancellationToken.None);
            if (metrics.Count > 0) await _events.RunMetricsAsync(_workspaceId, _runId, CancellationToken.None);
            if (lines.Count > 0) await _events.RunLogAsync(_workspaceId, _runId, CancellationToken.None);
            if (progressed) await _events.RunChangedAsync(_workspaceId, _runId, nameof(RunStatus.Running), CancellationToken.None);
            Release(pending);
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not record the progress of run {RunId}; retrying", _runId);
            return false;
        }
    }

    private static void Release(List<object> pending)
    {
        foreach (var flushed in pending.OfType<TaskCompletionSource>()) flushed.TrySetResult();
    }

    private bool ProgressDue() => Volatile.Read(ref _progress) is not null && _clock.GetUtcNow() - _progressWritten >= TimeSpan.FromSeconds(1);

    private async Task<bool> WriteProgressAsync(PlatformDb db)
    {
        var progress = Volatile.Read(ref _progress);
        if (progress is null || !ProgressDue()) return false;
        _progressWritten = _clock.GetUtcNow();
        await db.Runs.Where(r => r.Id == _runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Progress, Math.Clamp(progress.Fraction, 0, 1))
            .SetProperty(r => r.Step, progress.Step)
            .SetProperty(r => r.Epoch, progress.Epoch)
            .SetProperty(r => r.RemainingSeconds, progress.Remaining.TotalSeconds), CancellationToken.None);
        return true;
    }

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
