namespace Platform.Contracts.Jobs;

/// <summary>
/// The one background job the API enqueues: it runs the database operation with this ID, whatever its kind.
/// Jobs take IDs only and are idempotent; a finished operation is left alone.
/// </summary>
public interface IOperationJob
{
    Task RunAsync(Guid operationId, CancellationToken ct);
}
