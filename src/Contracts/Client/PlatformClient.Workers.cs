namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<WorkerDto>> ListWorkersAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<WorkerDto>>("api/workers" + Query(cursor, limit), ct);

    public Task<Page<OperationDto>> ListOperationsAsync(Guid ws, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<OperationDto>>($"api/workspaces/{ws}/operations" + Query(cursor, limit), ct);

    public Task<OperationDto> GetOperationAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<OperationDto>($"api/workspaces/{ws}/operations/{id}", ct);

    /// <summary>Queues a storage and database round trip on a worker: proves the whole job path works.</summary>
    public Task<OperationDto> StartSystemCheckAsync(Guid ws, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/operations/system-check", null, ct);

    public Task<OperationDto> CancelOperationAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/operations/{id}/cancel", null, ct);

    /// <summary>Publishes a test event to the workspace's live channel (any member; shows the live path works).</summary>
    public Task SendTestEventAsync(Guid ws, string message, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/workspaces/{ws}/events/test", new { message }, ct);
}
