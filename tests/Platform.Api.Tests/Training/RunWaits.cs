using Platform.Contracts;

namespace Platform.Api.Tests.Training;

public static class RunWaits
{
    /// <summary>Waits until the run meets <paramref name="done"/>; fails with the run's state when it finishes otherwise.</summary>
    public static async Task<RunDto> ForRunAsync(this PlatformClient client, Guid ws, Guid id, Func<RunDto, bool> done, CancellationToken ct, int seconds = 300)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await client.GetRunAsync(ws, id, ct);
            if (done(run)) return run;
            if (run.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled)
                throw new InvalidOperationException($"The run ended {run.Status}: {run.Message}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Run still {run.Status} after {seconds} s: {run.Message}");
            await Task.Delay(200, ct);
        }
    }

    public static Task<RunDto> ForEndAsync(this PlatformClient client, Guid ws, Guid id, CancellationToken ct, int seconds = 300) =>
        client.ForRunAsync(ws, id, r => r.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled, ct, seconds);

    /// <summary>Quick settings for tests: a fixed number of epochs, small batches, frequent checkpoints.</summary>
    public static readonly TrainingSettingsDto Quick = new(Epochs: 3, BatchSize: 8, CheckpointEverySteps: 2, Seed: 7);
}
