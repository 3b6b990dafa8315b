namespace Platform.Storage.Entities;

/// <summary>
/// A named model in a workspace's registry. Its versions are numbered from 1 and a number is never given twice, even
/// after a version is deleted; aliases (production, staging…) point at versions.
/// </summary>
public sealed class RegisteredModel
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
    /// <summary>Models a workspace may hold, and versions a model may hold.</summary>
    public const int MaxPerWorkspace = 1000;
    public const int MaxVersions = 10_000;

    private RegisteredModel() { }

    public RegisteredModel(Guid workspaceId, string name, string? description, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        Name = name;
        Description = description;
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>The highest version number given so far.</summary>
    public int LastNumber { get; private set; }

    public void Describe(string? description, DateTimeOffset now)
    {
        Description = description;
        UpdatedAt = now;
    }

    /// <summary>The number of the next version (callers hold the registry's lock; a unique index backs it).</summary>
    public int TakeNextNumber(DateTimeOffset now)
    {
        LastNumber++;
        UpdatedAt = now;
        return LastNumber;
    }
}
