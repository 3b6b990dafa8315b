using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;
using Platform.Storage.Objects;

namespace Platform.Server.Backup;

/// <summary>
/// <c>restore DIR [--force]</c>: checks every byte of the backup against its manifest, refuses a target that holds
/// data (unless --force), puts the objects back, then the database (last, so a failure before it leaves the database
/// as it was), and migrates it to this build's schema.
/// </summary>
public static class RestoreCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string folder, bool force)
    {
        folder = Path.GetFullPath(folder);
        using var cancel = CancelOnCtrlC.Create();
        var ct = cancel.Token;
        var progress = new BackupProgress();
        try
        {
            var manifest = await BackupManifest.ReadAsync(folder, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            var database = DatabaseBackups.For(services, db);
            CheckCompatible(manifest, database, db);
            var store = services.GetRequiredService<IObjectStore>();
            progress.Line($"Restoring from {folder}: made {manifest.CreatedAt:u} by {manifest.PlatformVersion}, {manifest.Provider} schema {manifest.Schema}, " +
                $"{manifest.Objects.Count:N0} objects ({BackupProgress.Size(manifest.Objects.Bytes)})");
            progress.Line("  checking the backup's files");
            await FileHashes.VerifyAsync(folder, manifest.Database, ct);
            await ObjectRestore.VerifyAsync(folder, manifest.Objects, progress, ct);
            await CheckTargetAsync(database, store, force, ct);

            progress.Line($"  restoring {manifest.Objects.Count:N0} objects");
            try { await ObjectRestore.CopyAsync(folder, manifest.Objects, store, removeOthers: force, progress, ct); }
            catch (Exception e) when (e is not BackupException)
            {
                throw new BackupException($"restoring the objects failed ({BackupCommand.Describe(e)}). The database was not changed; " +
                    "the object store may hold some of the backup's objects. Fix the cause and run restore again with --force.", e);
            }
            progress.Line("  restoring the database");
            try { await database.RestoreAsync(Path.Combine(folder, manifest.Database.Name), ct); }
            catch (Exception e)
            {
                throw new BackupException($"restoring the database failed ({BackupCommand.Describe(e)}). The objects are restored; the database " +
                    "is as it was or empty. Fix the cause and run restore again with --force.", e);
            }

            await using var after = services.CreateAsyncScope();
            var restored = after.ServiceProvider.GetRequiredService<PlatformDb>();
            var latest = restored.Database.GetMigrations().Last();
            if (latest != manifest.Schema) progress.Line($"  migrating the schema from {manifest.Schema} to {latest}");
            await restored.Database.MigrateAsync(ct);
            var report = await RestoreReport.CountAsync(restored, ct);
            progress.Line($"Restore complete in {progress.Elapsed.TotalSeconds:F1} s: {report}, {manifest.Objects.Count:N0} objects.");
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Restore failed: {BackupCommand.Describe(e)}");
            return 1;
        }
    }

    private static void CheckCompatible(BackupManifest manifest, IDatabaseBackup database, PlatformDb db)
    {
        if (manifest.Provider != database.Provider)
            throw new BackupException($"This backup holds a {manifest.Provider} database; this server is configured for {database.Provider}. " +
                "A backup restores into the same kind of database. Nothing was changed.");
        var known = db.Database.GetMigrations().ToList();
        if (!known.Contains(manifest.Schema))
            throw new BackupException($"This backup's schema {manifest.Schema} is unknown to this build (its newest is {known.LastOrDefault()}): " +
                "it was made by a newer release. Restore it with that release or a newer one. Nothing was changed.");
    }

    private static async Task CheckTargetAsync(IDatabaseBackup database, IObjectStore store, bool force, CancellationToken ct)
    {
        var rows = await database.CountDataAsync(ct);
        var storeEmpty = await ObjectRestore.IsEmptyAsync(store, ct);
        if (force || (rows == 0 && storeEmpty)) return;
        var what = new List<string>();
        if (rows > 0) what.Add($"the database has {rows} users and workspaces");
        if (!storeEmpty) what.Add("the object store has objects");
        throw new BackupException($"The target is not empty: {string.Join(" and ", what)}. Restore into an empty instance, or add --force " +
            "to replace its contents with the backup. Nothing was changed.");
    }
}
