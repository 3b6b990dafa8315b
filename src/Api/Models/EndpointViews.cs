using System.Text.Json;

namespace Platform.Api.Models;

/// <summary>Endpoints as the API shows them, with their model's name and version numbers read in one query per kind.</summary>
public static class EndpointViews
{
    public static Task<ModelEndpoint?> FindEndpointAsync(this PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.ModelEndpoints.SingleOrDefaultAsync(e => e.Id == id && e.WorkspaceId == member.WorkspaceId, ct);

    public static async Task<List<EndpointDto>> EndpointsAsync(PlatformDb db, IReadOnlyCollection<ModelEndpoint> endpoints, CancellationToken ct)
    {
        var modelIds = endpoints.Select(e => e.ModelId).Distinct().ToList();
        var models = await db.RegisteredModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var versionIds = endpoints.Select(e => e.VersionId).Concat(endpoints.Where(e => e.ServingVersionId is not null).Select(e => e.ServingVersionId!.Value))
            .Distinct().ToList();
        var numbers = await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        var emails = await ModelViews.EmailsAsync(db, endpoints.Select(e => e.CreatedBy), ct);
        return endpoints.Select(e => new EndpointDto(
            e.Id, e.WorkspaceId, e.Name, e.ModelId, models.GetValueOrDefault(e.ModelId, ""), e.Alias, numbers.GetValueOrDefault(e.VersionId),
            e.ServingVersionId is { } serving && numbers.TryGetValue(serving, out var n) ? n : null, e.Status, e.Error, e.MaxBatchSize,
            e.MaxWaitMilliseconds, PlatformClient.PredictPath(e.WorkspaceId, e.Name),
            e.SignatureJson is { } json ? JsonSerializer.Deserialize<EndpointSignatureDto>(json, PlatformClient.Json) : null,
            e.CreatedBy is { } by ? emails.GetValueOrDefault(by) : null, e.CreatedAt, e.UpdatedAt, e.ReadyAt)).ToList();
    }

    public static async Task<List<EndpointKeyDto>> KeysAsync(PlatformDb db, IReadOnlyCollection<EndpointKey> keys, CancellationToken ct)
    {
        var emails = await ModelViews.EmailsAsync(db, keys.Select(k => k.CreatedBy), ct);
        return keys.Select(k => new EndpointKeyDto(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy is { } by ? emails.GetValueOrDefault(by) : null,
            k.RevokedAt, k.LastUsedAt)).ToList();
    }
}
