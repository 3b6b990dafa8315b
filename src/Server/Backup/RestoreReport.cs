using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;

namespace Platform.Server.Backup;

/// <summary>What the restored database holds, counted after it was migrated to this build's schema.</summary>
public sealed record RestoreReport(int Users, int Workspaces, int Datasets, int Versions, long Items, int Runs, int Models, int ModelVersions)
{
    public static async Task<RestoreReport> CountAsync(PlatformDb db, CancellationToken ct) => new(
        await db.Users.CountAsync(ct),
        await db.Workspaces.CountAsync(ct),
        await db.Datasets.CountAsync(ct),
        await db.DatasetVersions.CountAsync(ct),
        await db.DatasetItems.LongCountAsync(ct),
        await db.Runs.CountAsync(ct),
        await db.RegisteredModels.CountAsync(ct),
        await db.ModelVersions.CountAsync(ct));

    public override string ToString() =>
        $"{Users:N0} users, {Workspaces:N0} workspaces, {Datasets:N0} datasets, {Versions:N0} dataset versions, {Items:N0} items, " +
        $"{Runs:N0} runs, {Models:N0} registered models ({ModelVersions:N0} versions)";
}
