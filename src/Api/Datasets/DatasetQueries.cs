namespace Platform.Api.Datasets;

/// <summary>Every dataset lookup is filtered by the caller's workspace.</summary>
public static class DatasetQueries
{
    public static Task<Dataset?> FindDatasetAsync(this PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.Datasets.SingleOrDefaultAsync(d => d.Id == id && d.WorkspaceId == member.WorkspaceId, ct);

    public static async Task<DatasetVersion?> LatestVersionAsync(this PlatformDb db, Dataset dataset, CancellationToken ct) =>
        dataset.LatestVersionId is { } id ? await db.DatasetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) : null;

    public static Task<DatasetVersion?> FindVersionAsync(this PlatformDb db, WorkspaceMember member, Guid datasetId, int number, CancellationToken ct) =>
        db.DatasetVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.DatasetId == datasetId && v.Number == number && v.WorkspaceId == member.WorkspaceId, ct);
}
