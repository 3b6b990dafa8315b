namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<DatasetDto>> ListDatasetsAsync(Guid ws, bool deleted = false, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<DatasetDto>>($"api/workspaces/{ws}/datasets" + Query(cursor, limit, ("deleted", deleted ? "true" : null)), ct);

    public Task<DatasetDto> CreateDatasetAsync(Guid ws, CreateDatasetRequest request, CancellationToken ct = default) =>
        SendAsync<DatasetDto>(HttpMethod.Post, $"api/workspaces/{ws}/datasets", request, ct);

    /// <summary>Creates a dataset from the generated sample that ships with the server, and imports it (an operation).</summary>
    public Task<OperationDto> AddSampleDatasetAsync(Guid ws, DatasetKind kind = DatasetKind.ImageClassification, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/datasets/sample?kind={kind}", null, ct);

    public Task<DatasetDto> GetDatasetAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<DatasetDto>($"api/workspaces/{ws}/datasets/{id}", ct);

    public Task<DatasetDto> EditDatasetAsync(Guid ws, Guid id, EditDatasetRequest request, CancellationToken ct = default) =>
        SendAsync<DatasetDto>(HttpMethod.Put, $"api/workspaces/{ws}/datasets/{id}", request, ct);

    /// <summary>Soft delete: the dataset can be restored until its retention ends, then it is purged.</summary>
    public Task<DatasetDto> DeleteDatasetAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<DatasetDto>(HttpMethod.Delete, $"api/workspaces/{ws}/datasets/{id}", null, ct);

    public Task<DatasetDto> RestoreDatasetAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<DatasetDto>(HttpMethod.Post, $"api/workspaces/{ws}/datasets/{id}/restore", null, ct);

    public Task<OperationDto> StartImportAsync(Guid ws, Guid datasetId, StartImportRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/datasets/{datasetId}/imports", request, ct);

    public Task<Page<OperationDto>> ListDatasetOperationsAsync(Guid ws, Guid datasetId, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<OperationDto>>($"api/workspaces/{ws}/datasets/{datasetId}/operations" + Query(cursor, limit), ct);

    public Task<Page<DatasetVersionDto>> ListVersionsAsync(Guid ws, Guid datasetId, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<DatasetVersionDto>>($"api/workspaces/{ws}/datasets/{datasetId}/versions" + Query(cursor, limit), ct);

    public Task<DatasetVersionDto> GetVersionAsync(Guid ws, Guid datasetId, int number, CancellationToken ct = default) =>
        GetAsync<DatasetVersionDto>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}", ct);

    public Task<Page<DatasetItemDto>> ListItemsAsync(Guid ws, Guid datasetId, int number, string? label = null, DatasetSplit? split = null,
        string? search = null, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<DatasetItemDto>>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/items"
            + Query(cursor, limit, ("label", label), ("split", split?.ToString()), ("search", search)), ct);

    public Task<DatasetItemDto> GetItemAsync(Guid ws, Guid datasetId, int number, Guid itemId, CancellationToken ct = default) =>
        GetAsync<DatasetItemDto>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/items/{itemId}", ct);

    public static string ItemContentUrl(Guid ws, Guid datasetId, int number, Guid itemId) =>
        $"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/items/{itemId}/content";

    public static string ItemThumbnailUrl(Guid ws, Guid datasetId, int number, Guid itemId) =>
        $"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/items/{itemId}/thumbnail";

    public Task<DatasetStatsDto> GetVersionStatsAsync(Guid ws, Guid datasetId, int number, CancellationToken ct = default) =>
        GetAsync<DatasetStatsDto>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/stats", ct);

    public Task<VersionDiffDto> DiffVersionsAsync(Guid ws, Guid datasetId, int from, int to, CancellationToken ct = default) =>
        GetAsync<VersionDiffDto>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{to}/diff?from={from}", ct);

    /// <summary>Queues a new version of <paramref name="number"/> with train/validation/test splits.</summary>
    public Task<OperationDto> SplitVersionAsync(Guid ws, Guid datasetId, int number, SplitRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/split", request, ct);

    /// <summary>The formats <paramref name="number"/> can be exported to, with a one-line description each.</summary>
    public Task<IReadOnlyList<ExportFormatDto>> ListExportFormatsAsync(Guid ws, Guid datasetId, int number, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ExportFormatDto>>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/export-formats", ct);

    public Task<OperationDto> StartExportAsync(Guid ws, Guid datasetId, int number, StartExportRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/exports", request, ct);

    /// <summary>The file an operation produced (an export, an import report): the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadOperationResultAsync(Guid ws, Guid operationId, CancellationToken ct = default) =>
        DownloadAsync(OperationResultUrl(ws, operationId), ct);

    /// <summary>The report of an import operation (every problem per file or row).</summary>
    public Task<ImportReportDto> GetImportReportAsync(Guid ws, Guid operationId, CancellationToken ct = default) =>
        GetAsync<ImportReportDto>(OperationResultUrl(ws, operationId), ct);

    public static string OperationResultUrl(Guid ws, Guid operationId) => $"api/workspaces/{ws}/operations/{operationId}/result";

    public Task<StorageDto> GetStorageAsync(Guid ws, CancellationToken ct = default) =>
        GetAsync<StorageDto>($"api/workspaces/{ws}/storage", ct);

    /// <summary>Administrators set a workspace's storage quota (null returns it to the server default).</summary>
    public Task<StorageDto> SetStorageQuotaAsync(Guid ws, long? quotaBytes, CancellationToken ct = default) =>
        SendAsync<StorageDto>(HttpMethod.Put, $"api/admin/workspaces/{ws}/storage-quota", new SetStorageQuotaRequest(quotaBytes), ct);
}
