using Platform.Storage.Entities;

namespace Platform.Jobs.Operations;

/// <summary>Does the work of one kind of operation.</summary>
public interface IOperationHandler
{
    string Kind { get; }

    /// <summary>Returns the success message. Call <paramref name="report"/> from the job's own flow (it saves the row).</summary>
    Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct);

    /// <summary>Called once the operation is recorded as failed or cancelled (its own rows follow it there).</summary>
    Task OnEndedAsync(Operation operation, CancellationToken ct) => Task.CompletedTask;
}

public interface IOperationReporter
{
    /// <summary>Records progress (0..1) and publishes it live; calls closer than 250 ms apart are coalesced.</summary>
    Task ReportAsync(double fraction, string message, CancellationToken ct);
}
