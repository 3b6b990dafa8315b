using System.Diagnostics;
using System.Threading.Channels;
using Platform.Ml;

namespace Platform.Serving;

/// <summary>
/// Gathers concurrent requests for one model into batches: what queued while the model was busy runs together, up to
/// <see cref="MaxBatchSize"/> instances; while callers keep coming together, a batch waits up to <see cref="MaxWait"/>
/// to fill, and a caller alone is answered without waiting. The queue is bounded by instances; a full queue
/// refuses at once (the caller answers 503 with Retry-After) rather than letting latency grow without end.
/// One forward pass runs at a time: it already uses every core.
/// </summary>
public sealed class DynamicBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Predictor predictor;
    private readonly int capacity;
    private readonly Task loop;
    private int queued;

    public DynamicBatcher(Predictor predictor, int maxBatchSize, TimeSpan maxWait, int capacity)
    {
        this.predictor = predictor;
        this.capacity = capacity;
        MaxBatchSize = maxBatchSize;
        MaxWait = maxWait;
        loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public int MaxBatchSize { get; set; }
    public TimeSpan MaxWait { get; set; }
    /// <summary>Instances waiting for a batch now.</summary>
    public int Queued => Volatile.Read(ref queued);

    public enum Refusal { None, Full, Closed }

    /// <summary>The predictions in order, or a refusal when the queue is full or the batcher is closing.</summary>
    public (Task<IReadOnlyList<Prediction>>? Predictions, Refusal Refusal) TryEnqueue(ModelInputs inputs)
    {
        if (Interlocked.Add(ref queued, inputs.Count) > capacity && Queued != inputs.Count)
        {
            Interlocked.Add(ref queued, -inputs.Count);
            return (null, Refusal.Full);
        }
        var pending = new Pending(inputs, new TaskCompletionSource<IReadOnlyList<Prediction>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (queue.Writer.TryWrite(pending)) return (pending.Done.Task, Refusal.None);
        Interlocked.Add(ref queued, -inputs.Count);
        return (null, Refusal.Closed);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        var concurrent = false;
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = Drain(batch, 0);
            if (count == 0) continue;
            // A caller alone is answered at once; callers that came together last time are worth waiting for.
            if (concurrent && count < MaxBatchSize && MaxWait > TimeSpan.Zero)
            {
                var deadline = Stopwatch.GetTimestamp() + (long)(MaxWait.TotalSeconds * Stopwatch.Frequency);
                while (count < MaxBatchSize && Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline) is var left && left > TimeSpan.Zero
                       && await WaitForMoreAsync(left))
                    count = Drain(batch, count);
            }
            concurrent = batch.Count > 1;
            Interlocked.Add(ref queued, -count);
            Run(batch);
        }
        predictor.Dispose();
    }

    private int Drain(List<Pending> batch, int count)
    {
        while (count < MaxBatchSize && queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
            count += next.Inputs.Count;
        }
        return count;
    }

    private async Task<bool> WaitForMoreAsync(TimeSpan left)
    {
        using var timeout = new CancellationTokenSource(left);
        try { return await queue.Reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>One forward pass for the batch; when it fails, each request runs alone so one bad input fails only its own request.</summary>
    private void Run(List<Pending> batch)
    {
        try
        {
            var predictions = ModelInputs.Concat([.. batch.Select(p => p.Inputs)]).PredictWith(predictor);
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Done.SetResult([.. predictions.Skip(offset).Take(pending.Inputs.Count)]);
                offset += pending.Inputs.Count;
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch) Run([pending]);
        }
        catch (Exception e)
        {
            batch[0].Done.SetException(e);
        }
    }

    /// <summary>Stops taking requests, answers those already queued, then frees the model.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private sealed record Pending(ModelInputs Inputs, TaskCompletionSource<IReadOnlyList<Prediction>> Done);
}
