namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<RegisteredModelDto>> ListModelsAsync(Guid ws, string? cursor = null, int? limit = null, string? search = null, CancellationToken ct = default) =>
        GetAsync<Page<RegisteredModelDto>>($"api/workspaces/{ws}/models" + Query(cursor, limit, ("search", search)), ct);

    public Task<RegisteredModelDto> GetModelAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<RegisteredModelDto>($"api/workspaces/{ws}/models/{id}", ct);

    public Task<RegisteredModelDto> UpdateModelAsync(Guid ws, Guid id, UpdateModelRequest request, CancellationToken ct = default) =>
        SendAsync<RegisteredModelDto>(HttpMethod.Patch, $"api/workspaces/{ws}/models/{id}", request, ct);

    /// <summary>Registers a run's model as the next version of a model (201).</summary>
    public Task<ModelVersionDto> RegisterModelVersionAsync(Guid ws, RegisterModelVersionRequest request, CancellationToken ct = default) =>
        SendAsync<ModelVersionDto>(HttpMethod.Post, $"api/workspaces/{ws}/models/versions", request, ct);

    /// <summary>The versions registered from one run, in any model.</summary>
    public Task<Page<ModelVersionDto>> ListRunModelVersionsAsync(Guid ws, Guid runId, CancellationToken ct = default) =>
        GetAsync<Page<ModelVersionDto>>($"api/workspaces/{ws}/models/versions" + Query(null, null, ("runId", runId.ToString())), ct);

    /// <summary>A model's versions, newest first.</summary>
    public Task<Page<ModelVersionDto>> ListModelVersionsAsync(Guid ws, Guid id, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<ModelVersionDto>>($"api/workspaces/{ws}/models/{id}/versions" + Query(cursor, limit), ct);

    public Task<ModelVersionDto> GetModelVersionAsync(Guid ws, Guid id, int number, CancellationToken ct = default) =>
        GetAsync<ModelVersionDto>($"api/workspaces/{ws}/models/{id}/versions/{number}", ct);

    public Task<ModelVersionDto> UpdateModelVersionAsync(Guid ws, Guid id, int number, UpdateModelVersionRequest request, CancellationToken ct = default) =>
        SendAsync<ModelVersionDto>(HttpMethod.Patch, $"api/workspaces/{ws}/models/{id}/versions/{number}", request, ct);

    /// <summary>Deletes a version no alias points at (409 otherwise); Maintainers and Owners only.</summary>
    public Task DeleteModelVersionAsync(Guid ws, Guid id, int number, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/models/{id}/versions/{number}", null, ct);

    public static string ModelPackageUrl(Guid ws, Guid id, int number) => $"api/workspaces/{ws}/models/{id}/versions/{number}/package";

    /// <summary>The version's model package (a zip); the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadModelPackageAsync(Guid ws, Guid id, int number, CancellationToken ct = default) =>
        DownloadAsync(ModelPackageUrl(ws, id, number), ct);

    /// <summary>Creates the alias or moves it to another version; a protected alias only for Maintainers and Owners.</summary>
    public Task<ModelAliasDto> SetModelAliasAsync(Guid ws, Guid id, string alias, SetModelAliasRequest request, CancellationToken ct = default) =>
        SendAsync<ModelAliasDto>(HttpMethod.Put, $"api/workspaces/{ws}/models/{id}/aliases/{Uri.EscapeDataString(alias)}", request, ct);

    public Task DeleteModelAliasAsync(Guid ws, Guid id, string alias, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/models/{id}/aliases/{Uri.EscapeDataString(alias)}", null, ct);

    /// <summary>Predicts every item of a dataset version with a model version (202, an operation whose result is the file).</summary>
    public Task<OperationDto> StartBatchPredictionAsync(Guid ws, Guid id, int number, StartBatchPredictionRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/models/{id}/versions/{number}/predictions", request, ct);
}
