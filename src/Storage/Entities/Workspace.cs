namespace Platform.Storage.Entities;

public sealed class Workspace
{
    public const int MaxNameLength = 80;

    private Workspace() { }

    public Workspace(string name, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        Name = name;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    public bool IsArchived => ArchivedAt is not null;
    /// <summary>The storage this workspace may use; null means the server's default.</summary>
    public long? StorageQuotaBytes { get; private set; }

    public void SetStorageQuota(long? bytes) => StorageQuotaBytes = bytes;

    public void Rename(string name)
    {
        if (IsArchived) throw new IllegalStateChangeException("An archived workspace cannot be renamed.");
        Name = name;
    }

    public void Archive(DateTimeOffset now)
    {
        if (IsArchived) throw new IllegalStateChangeException("The workspace is already archived.");
        ArchivedAt = now;
    }
}
