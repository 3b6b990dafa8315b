namespace Platform.Server.Backup;

/// <summary>The database half of a backup: a consistent snapshot in one file, and its restore.</summary>
public interface IDatabaseBackup
{
    /// <summary>"sqlite" or "postgres": a backup restores only into the same kind of database.</summary>
    string Provider { get; }

    /// <summary>The snapshot's file name in the backup folder.</summary>
    string FileName { get; }

    Task DumpAsync(string path, CancellationToken ct);

    /// <summary>Users plus workspaces in the configured database; 0 when it has no schema yet.</summary>
    Task<long> CountDataAsync(CancellationToken ct);

    /// <summary>Replaces the configured database with the snapshot, all or nothing.</summary>
    Task RestoreAsync(string path, CancellationToken ct);
}
