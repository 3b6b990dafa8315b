using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;

namespace Platform.Server.Backup;

/// <summary>SQLite: <c>VACUUM INTO</c> writes a consistent copy while the server keeps running; restore swaps the file in.</summary>
public sealed class SqliteDatabaseBackup(PlatformDb db) : IDatabaseBackup
{
    public string Provider => "sqlite";
    public string FileName => "database.sqlite";

    private string DatabasePath =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    public async Task DumpAsync(string path, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {path}", ct);

    public Task<long> CountDataAsync(CancellationToken ct) => File.Exists(DatabasePath)
        ? DatabaseCounts.UsersAndWorkspacesAsync(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'AspNetUsers'", ct)
        : Task.FromResult(0L);

    public async Task RestoreAsync(string path, CancellationToken ct)
    {
        var target = DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".restoring";
        await using (var source = File.OpenRead(path))
        await using (var copy = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            await source.CopyToAsync(copy, ct);
            copy.Flush(flushToDisk: true);
        }
        // The old database's journal files belong to the old file: left in place they would be applied to the new one.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" }) File.Delete(target + suffix);
        File.Move(temp, target, overwrite: true);
    }
}
