namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<EndpointDto>> ListEndpointsAsync(Guid ws, string? cursor = null, int? limit = null, Guid? modelId = null, CancellationToken ct = default) =>
        GetAsync<Page<EndpointDto>>($"api/workspaces/{ws}/endpoints" + Query(cursor, limit, ("modelId", modelId?.ToString())), ct);

    public Task<EndpointDto> GetEndpointAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<EndpointDto>($"api/workspaces/{ws}/endpoints/{id}", ct);

    /// <summary>Deploys a model version as a new endpoint (201); it turns Ready once a serving process has loaded it.</summary>
    public Task<EndpointDto> CreateEndpointAsync(Guid ws, CreateEndpointRequest request, CancellationToken ct = default) =>
        SendAsync<EndpointDto>(HttpMethod.Post, $"api/workspaces/{ws}/endpoints", request, ct);

    public Task<EndpointDto> UpdateEndpointAsync(Guid ws, Guid id, UpdateEndpointRequest request, CancellationToken ct = default) =>
        SendAsync<EndpointDto>(HttpMethod.Patch, $"api/workspaces/{ws}/endpoints/{id}", request, ct);

    /// <summary>Stops serving and deletes the endpoint with its keys; Maintainers and Owners only.</summary>
    public Task DeleteEndpointAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/endpoints/{id}", null, ct);

    public Task<Page<EndpointKeyDto>> ListEndpointKeysAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<Page<EndpointKeyDto>>($"api/workspaces/{ws}/endpoints/{id}/keys", ct);

    public Task<CreatedEndpointKeyDto> CreateEndpointKeyAsync(Guid ws, Guid id, CreateEndpointKeyRequest request, CancellationToken ct = default) =>
        SendAsync<CreatedEndpointKeyDto>(HttpMethod.Post, $"api/workspaces/{ws}/endpoints/{id}/keys", request, ct);

    public Task RevokeEndpointKeyAsync(Guid ws, Guid id, Guid keyId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/endpoints/{id}/keys/{keyId}", null, ct);

    /// <summary>Requests, failures, latency and predicted labels over the last <paramref name="minutes"/> minutes (1 to 1,440).</summary>
    public Task<EndpointMetricsDto> GetEndpointMetricsAsync(Guid ws, Guid id, int minutes = 60, CancellationToken ct = default) =>
        GetAsync<EndpointMetricsDto>($"api/workspaces/{ws}/endpoints/{id}/metrics?minutes={minutes}", ct);

    /// <summary>What the endpoint was pointed at over time, newest first.</summary>
    public Task<Page<EndpointRevisionDto>> ListEndpointRevisionsAsync(Guid ws, Guid id, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<EndpointRevisionDto>>($"api/workspaces/{ws}/endpoints/{id}/revisions" + Query(cursor, limit), ct);

    /// <summary>Serves an earlier revision's version again (fixed); the rollback is itself a new revision.</summary>
    public Task<EndpointDto> RollbackEndpointAsync(Guid ws, Guid id, RollbackEndpointRequest request, CancellationToken ct = default) =>
        SendAsync<EndpointDto>(HttpMethod.Post, $"api/workspaces/{ws}/endpoints/{id}/rollback", request, ct);

    public static string PredictPath(Guid ws, string endpoint) => $"serve/{ws}/{Uri.EscapeDataString(endpoint)}/predict";

    /// <summary>Predicts with the caller's own sign-in (a member of the workspace), as the portal's try-it panel does.</summary>
    public Task<PredictResponse> PredictAsync(Guid ws, string endpoint, PredictRequest request, CancellationToken ct = default) =>
        SendAsync<PredictResponse>(HttpMethod.Post, PredictPath(ws, endpoint), request, ct);

    /// <summary>Predicts images sent as a multipart upload, one instance per file.</summary>
    public async Task<PredictResponse> PredictImagesAsync(Guid ws, string endpoint, IReadOnlyList<(string FileName, byte[] Bytes)> images, CancellationToken ct = default)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in images) form.Add(new ByteArrayContent(bytes), "images", name);
        using var request = Request(HttpMethod.Post, PredictPath(ws, endpoint));
        request.Content = form;
        return await ReadAsync<PredictResponse>(await http.SendAsync(request, ct), ct);
    }
}
