using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;
using Platform.Storage.Objects;

namespace Platform.Server.Backup;

/// <summary>
/// <c>backup DIR</c>: a consistent database snapshot first, then every object, then manifest.json. Objects are
/// content-addressed and never rewritten, so objects added after the snapshot are harmless extras.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string folder)
    {
        folder = Path.GetFullPath(folder);
        using var cancel = CancelOnCtrlC.Create();
        var ct = cancel.Token;
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            Console.Error.WriteLine($"Backup refused: {folder} {(File.Exists(folder) ? "is a file" : "is not empty")}. Back up into a new or empty folder.");
            return 1;
        }
        var created = !Directory.Exists(folder);
        try { Directory.CreateDirectory(folder); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Backup failed: cannot create {folder}: {e.Message}");
            return 1;
        }
        var progress = new BackupProgress();
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            var database = DatabaseBackups.For(services, db);
            if (!await db.Database.CanConnectAsync(ct))
                throw new BackupException("The configured database cannot be reached or does not exist: there is nothing to back up.");
            var schema = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault()
                ?? throw new BackupException("The database has no schema yet (it was never migrated): there is nothing to back up.");
            progress.Line($"Backing up to {folder}");
            progress.Line($"  {database.Provider} database, schema {schema}");
            await database.DumpAsync(Path.Combine(folder, database.FileName), ct);
            var databaseFile = await FileHashes.DescribeAsync(folder, database.FileName, ct);
            progress.Line($"  database snapshot: {BackupProgress.Size(databaseFile.Bytes)}");
            var objects = await ObjectBackup.CopyAsync(services.GetRequiredService<IObjectStore>(), folder, progress, ct);
            progress.Line($"  objects: {objects.Count:N0} ({BackupProgress.Size(objects.Bytes)})");
            var version = typeof(BackupCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            await new BackupManifest(BackupManifest.CurrentFormat, DateTimeOffset.UtcNow, version, database.Provider, schema, databaseFile, objects)
                .WriteAsync(folder, ct);
            progress.Line($"Backup complete in {progress.Elapsed.TotalSeconds:F1} s: {folder}");
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Backup failed: {Describe(e)}");
            if (created) Directory.Delete(folder, recursive: true);
            else
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
            Console.Error.WriteLine($"The unfinished backup in {folder} was removed.");
            return 1;
        }
    }

    public static string Describe(Exception e) => e switch
    {
        BackupException => e.Message,
        OperationCanceledException => "cancelled.",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
