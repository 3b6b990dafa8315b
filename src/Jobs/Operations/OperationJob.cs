using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Jobs.Workers;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Operations;

public sealed class OperationJob(
    PlatformDb db, IEnumerable<IOperationHandler> handlers, ResourceEvents events, WorkerIdentity worker,
    CurrentJobs currentJobs, IServiceScopeFactory scopes, TimeProvider clock, ILogger<OperationJob> logger)
    : IOperationJob, IOperationReporter
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);
    private Operation? _operation;
    private DateTimeOffset _lastReport;
    private bool _running;
    private int _attempt;

    public async Task RunAsync(Guid operationId, CancellationToken ct)
    {
        var operation = await db.Operations.SingleOrDefaultAsync(o => o.Id == operationId, ct);
        if (operation is null || operation.IsFinished) return;
        _operation = operation;
        var handler = handlers.SingleOrDefault(h => h.Kind == operation.Kind);
        if (handler is null)
        {
            operation.Fail($"No handler for operations of kind '{operation.Kind}'.", clock.GetUtcNow());
            await SaveAndPublishAsync(CancellationToken.None);
            return;
        }

        operation.Start(worker.Name, clock.GetUtcNow());
        await SaveAndPublishAsync(ct);
        if (operation.State != OperationState.Running) return; // cancelled while it waited in the queue
        _attempt = operation.Attempts;
        using var _ = currentJobs.Begin($"{operation.Kind} {operation.Id}");
        using var activity = JobTelemetry.Start(operation);
        var started = clock.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watcher = WatchForCancellationAsync(operation.Id, stop);
        try
        {
            _running = true;
            var message = await handler.RunAsync(operation, this, stop.Token);
            _running = false;
            operation.Succeed(message, clock.GetUtcNow());
        }
        catch (OperationDeferredException ex)
        {
            logger.LogInformation("Operation {Id} ({Kind}) goes back to the queue: {Reason}", operation.Id, operation.Kind, ex.Message);
            ForgetHandlerChanges(operation);
            await db.Entry(operation).ReloadAsync(CancellationToken.None);
            if (operation.State == OperationState.Running && operation.Attempts == _attempt) operation.Requeue();
        }
        // A handler's own save fails with a concurrency conflict when the operation was cancelled under it.
        catch (Exception ex) when (ex is OperationCanceledException or DbUpdateConcurrencyException && !ct.IsCancellationRequested)
        {
            ForgetHandlerChanges(operation);
            await db.Entry(operation).ReloadAsync(CancellationToken.None);
            // Queued again, or started again by another job (a takeover), means the work is that job's now: leave it.
            if (operation.State == OperationState.Running && operation.Attempts == _attempt) operation.Cancel(clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DbUpdateConcurrencyException)
        {
            if (OperationFailures.IsExpected(ex))
                logger.LogWarning("Operation {Id} ({Kind}) failed: {Reason}", operation.Id, operation.Kind, ex.Message);
            else
                logger.LogError(ex, "Operation {Id} ({Kind}) failed", operation.Id, operation.Kind);
            ForgetHandlerChanges(operation);
            operation.Fail(OperationFailures.Shorten(ex.Message), clock.GetUtcNow());
        }
        finally
        {
            _running = false;
            await stop.CancelAsync();
            await watcher;
        }
        await SaveAndPublishAsync(CancellationToken.None);
        JobTelemetry.Finished(operation, clock.GetElapsedTime(started), activity);
        if (operation.State is OperationState.Failed or OperationState.Cancelled)
            await handler.OnEndedAsync(operation, CancellationToken.None);
    }

    /// <summary>A failed handler's unsaved rows must not be written by the save that records the failure.</summary>
    private void ForgetHandlerChanges(Operation operation)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity != operation).ToList())
            entry.State = EntityState.Detached;
    }

    public async Task ReportAsync(double fraction, string message, CancellationToken ct)
    {
        var operation = _operation ?? throw new InvalidOperationException("No operation is running.");
        operation.Report(fraction, message);
        var now = clock.GetUtcNow();
        if (now - _lastReport < ReportInterval) return;
        _lastReport = now;
        await SaveAndPublishAsync(ct);
    }

    /// <summary>
    /// Saves the operation unless its state changed under this job (a user cancelled it, the reconciler requeued it):
    /// then the stored state wins, and a running handler is stopped.
    /// </summary>
    private async Task SaveAndPublishAsync(CancellationToken ct)
    {
        var operation = _operation!;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ForgetHandlerChanges(operation);
            await db.Entry(operation).ReloadAsync(CancellationToken.None);
            if (operation.State != OperationState.Running && !ct.IsCancellationRequested && _running)
                throw new OperationCanceledException($"The operation was {operation.State.ToString().ToLowerInvariant()} while it ran.");
        }
        await events.OperationChangedAsync(operation, ct);
    }

    /// <summary>A user's cancel is written to the row by the API; poll it (own scope) so the job stops within a second.</summary>
    private async Task WatchForCancellationAsync(Guid id, CancellationTokenSource stop)
    {
        using var scope = scopes.CreateScope();
        var probe = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token);
                var state = await probe.Operations.AsNoTracking().Where(o => o.Id == id).Select(o => o.State).SingleAsync(stop.Token);
                if (state == OperationState.Cancelled) { await stop.CancelAsync(); return; }
            }
            catch (OperationCanceledException) { return; }
        }
    }
}
