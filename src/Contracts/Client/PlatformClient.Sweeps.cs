namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<SweepDto> StartSweepAsync(Guid ws, StartSweepRequest request, CancellationToken ct = default) =>
        SendAsync<SweepDto>(HttpMethod.Post, $"api/workspaces/{ws}/sweeps", request, ct);

    public Task<SweepDto> GetSweepAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<SweepDto>($"api/workspaces/{ws}/sweeps/{id}", ct);

    public Task<SweepDto> CancelSweepAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<SweepDto>(HttpMethod.Post, $"api/workspaces/{ws}/sweeps/{id}/cancel", null, ct);

    public Task<Page<SweepDto>> ListSweepsAsync(Guid ws, Guid experimentId, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<SweepDto>>($"api/workspaces/{ws}/experiments/{experimentId}/sweeps" + Query(cursor, limit), ct);
}
