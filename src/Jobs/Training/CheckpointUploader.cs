using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Ml;
using Platform.Storage.Data;
using Platform.Storage.Objects;

namespace Platform.Jobs.Training;

/// <summary>
/// Stores checkpoints in the object store off the training thread: the callback only copies the bytes (the newest
/// checkpoint replaces one still waiting), and this uploads it, makes sure the metrics before it are stored, records it
/// on the run, then deletes the one it replaces.
/// </summary>
public sealed class CheckpointUploader : IAsyncDisposable
{
    private readonly Channel<(long Step, MemoryStream Content)> _pending =
        Channel.CreateBounded<(long, MemoryStream)>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly IObjectStore _store;
    private readonly IServiceScopeFactory _scopes;
    private readonly RunRecorder _recorder;
    private readonly ILogger _logger;
    private readonly Guid _workspaceId;
    private readonly Guid _runId;
    private readonly long _leaseToken;
    private readonly Task _loop;
    private string? _previousKey;

    public CheckpointUploader(IObjectStore store, IServiceScopeFactory scopes, RunRecorder recorder, ILogger logger, Guid workspaceId, Guid runId,
        long leaseToken, string? previousKey)
    {
        (_store, _scopes, _recorder, _logger, _workspaceId, _runId, _leaseToken, _previousKey) =
            (store, scopes, recorder, logger, workspaceId, runId, leaseToken, previousKey);
        _loop = Task.Run(LoopAsync);
    }

    public int Stored { get; private set; }

    public Func<TrainingCheckpoint, CancellationToken, Task> Callback => (checkpoint, _) =>
    {
        var copy = new MemoryStream();
        checkpoint.Content.CopyTo(copy);
        _pending.Writer.TryWrite((checkpoint.Step, copy));
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        await foreach (var (step, content) in _pending.Reader.ReadAllAsync())
        {
            try
            {
                await StoreAsync(step, content);
            }
            catch (Exception ex)
            {
                // The next checkpoint tries again; the run goes on (it only risks losing more steps if it dies).
                _logger.LogWarning(ex, "Could not store the checkpoint of run {RunId} at step {Step}", _runId, step);
            }
        }
    }

    private async Task StoreAsync(long step, MemoryStream content)
    {
        var key = $"workspaces/{_workspaceId:N}/runs/{_runId:N}/checkpoint-{step}.bin";
        content.Position = 0;
        await _store.PutAsync(key, content, content.Length, "application/octet-stream");
        await _recorder.FlushAsync();
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        // Fenced: a worker whose lease was taken over must not point the run at its checkpoint.
        var recorded = await db.Runs.Where(r => r.Id == _runId && r.Status == RunStatus.Running && r.LeaseToken == _leaseToken)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckpointKey, key).SetProperty(r => r.CheckpointStep, step));
        if (recorded == 0)
        {
            await _store.DeleteAsync(key);
            return;
        }
        Stored++;
        if (_previousKey is not null && _previousKey != key) await _store.DeleteAsync(_previousKey);
        _previousKey = key;
    }
}
