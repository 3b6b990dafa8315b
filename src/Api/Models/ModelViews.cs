using System.Text.Json;

namespace Platform.Api.Models;

/// <summary>Registry rows as the API shows them, with the names they refer to read in one query per kind.</summary>
public static class ModelViews
{
    public static Task<RegisteredModel?> FindModelAsync(this PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.RegisteredModels.SingleOrDefaultAsync(m => m.Id == id && m.WorkspaceId == member.WorkspaceId, ct);

    public static async Task<List<ModelVersionDto>> VersionsAsync(PlatformDb db, IReadOnlyCollection<ModelVersion> versions, CancellationToken ct)
    {
        var modelIds = versions.Select(v => v.ModelId).Distinct().ToList();
        var models = await db.RegisteredModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var runIds = versions.Where(v => v.RunId is not null).Select(v => v.RunId!.Value).Distinct().ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var datasetVersionIds = versions.Where(v => v.DatasetVersionId is not null).Select(v => v.DatasetVersionId!.Value).Distinct().ToList();
        var datasets = await db.DatasetVersions.AsNoTracking().Where(v => datasetVersionIds.Contains(v.Id))
            .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new RunDatasetDto(d.Id, d.Name, v.Number, v.Id))
            .ToDictionaryAsync(d => d.VersionId, ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var aliases = (await db.ModelAliases.AsNoTracking().Where(a => versionIds.Contains(a.VersionId)).Select(a => new { a.VersionId, a.Name }).ToListAsync(ct))
            .ToLookup(a => a.VersionId, a => a.Name);
        var emails = await EmailsAsync(db, versions.Select(v => v.CreatedBy), ct);
        return versions.Select(v => new ModelVersionDto(
            v.Id, v.ModelId, models.GetValueOrDefault(v.ModelId, ""), v.Number, v.RunId, v.RunId is { } r ? runs.GetValueOrDefault(r) : null,
            v.DatasetVersionId is { } d ? datasets.GetValueOrDefault(d) : null, v.Template, v.Score, v.PackageBytes, v.PackageSha256,
            v.EvaluationKey is not null, v.Description, Tags(v.TagsJson), [.. aliases[v.Id].Order(StringComparer.Ordinal)],
            v.CreatedBy is { } by ? emails.GetValueOrDefault(by) : null, v.CreatedAt, v.UpdatedAt)).ToList();
    }

    public static async Task<List<RegisteredModelDto>> ModelsAsync(PlatformDb db, IReadOnlyCollection<RegisteredModel> models, CancellationToken ct)
    {
        var ids = models.Select(m => m.Id).ToList();
        var counts = await db.ModelVersions.AsNoTracking().Where(v => ids.Contains(v.ModelId)).GroupBy(v => v.ModelId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var newest = await db.ModelVersions.AsNoTracking()
            .Where(v => ids.Contains(v.ModelId) && v.Number == db.ModelVersions.Where(w => w.ModelId == v.ModelId).Max(w => w.Number))
            .ToListAsync(ct);
        var latest = (await VersionsAsync(db, newest, ct)).ToDictionary(v => v.ModelId);
        var aliases = await AliasesAsync(db, ids, ct);
        return models.Select(m => new RegisteredModelDto(m.Id, m.WorkspaceId, m.Name, m.Description, m.CreatedAt, m.UpdatedAt,
            counts.GetValueOrDefault(m.Id), latest.GetValueOrDefault(m.Id), aliases[m.Id].ToList())).ToList();
    }

    public static async Task<ILookup<Guid, ModelAliasDto>> AliasesAsync(PlatformDb db, IReadOnlyCollection<Guid> modelIds, CancellationToken ct)
    {
        var rows = await db.ModelAliases.AsNoTracking().Where(a => modelIds.Contains(a.ModelId))
            .Join(db.ModelVersions, a => a.VersionId, v => v.Id, (a, v) => new { a.ModelId, a.Name, v.Number, a.IsProtected, a.UpdatedAt, a.UpdatedBy })
            .ToListAsync(ct);
        var emails = await EmailsAsync(db, rows.Select(r => r.UpdatedBy), ct);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToLookup(r => r.ModelId,
            r => new ModelAliasDto(r.Name, r.Number, r.IsProtected, r.UpdatedAt, r.UpdatedBy is { } by ? emails.GetValueOrDefault(by) : null));
    }

    private static Dictionary<string, string> Tags(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static async Task<Dictionary<Guid, string?>> EmailsAsync(PlatformDb db, IEnumerable<Guid?> userIds, CancellationToken ct)
    {
        var ids = userIds.Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
    }
}
