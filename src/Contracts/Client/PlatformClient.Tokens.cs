namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<ApiTokenDto>> ListTokensAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<ApiTokenDto>>("api/tokens" + Query(cursor, limit), ct);

    public Task<CreatedApiTokenDto> CreateTokenAsync(CreateApiTokenRequest request, CancellationToken ct = default) =>
        SendAsync<CreatedApiTokenDto>(HttpMethod.Post, "api/tokens", request, ct);

    public Task RevokeTokenAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/tokens/{id}", null, ct);
}
