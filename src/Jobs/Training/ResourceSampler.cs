using System.Diagnostics;

namespace Platform.Jobs.Training;

/// <summary>Records the worker process's CPU use (% of all cores) and memory every 5 seconds as system metrics of the run.</summary>
public sealed class ResourceSampler(RunRecorder recorder) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(LoopAsync);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(Interval);
        var lastCpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var percent = (cpu - lastCpu).TotalSeconds / clock.Elapsed.TotalSeconds / Environment.ProcessorCount * 100;
                lastCpu = cpu;
                clock.Restart();
                recorder.Metric("system/cpu_percent", recorder.CurrentStep, null, Math.Round(percent, 1));
                recorder.Metric("system/memory_mb", recorder.CurrentStep, null, Math.Round(process.WorkingSet64 / 1048576.0, 1));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
