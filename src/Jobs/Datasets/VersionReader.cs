using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Storage.Data;
using Platform.Storage.Entities;

namespace Platform.Jobs.Datasets;

/// <summary>Reads a version's items back (in path order) for a split, a merge or an export.</summary>
public static class VersionReader
{
    public static async Task<VersionContent> ReadAsync(PlatformDb db, Guid versionId, CancellationToken ct)
    {
        var version = await db.DatasetVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, ct);
        var summary = VersionSummary.FromJson(version.SummaryJson);
        var rows = await db.DatasetItems.AsNoTracking().Where(i => i.VersionId == versionId).OrderBy(i => i.Id).ToListAsync(ct);
        var items = rows.Select(r => new NewItem(r.Path, r.Label, r.Split, r.Sha256, r.Size, r.Width, r.Height,
            r.BoxesJson is null ? [] : JsonSerializer.Deserialize<List<BoxDto>>(r.BoxesJson, PlatformClient.Json) ?? [], r.Text)).ToList();
        return new VersionContent(version.Kind, summary.Classes, summary.Columns, items);
    }
}
