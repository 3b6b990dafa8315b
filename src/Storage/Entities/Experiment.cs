namespace Platform.Storage.Entities;

/// <summary>A named group of runs in a workspace (MLflow's experiment). Deleting hides it and can be undone.</summary>
public sealed class Experiment
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const string DefaultName = "Default";

    private Experiment() { }

    public Experiment(Guid workspaceId, string name, string? description, Guid? createdBy, DateTimeOffset now)
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
    public DateTimeOffset? DeletedAt { get; private set; }
    /// <summary>When set, each run of the experiment that succeeds is registered as the next version of this model.</summary>
    public string? RegisterModelAs { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public void Rename(string name, DateTimeOffset now)
    {
        Name = name;
        UpdatedAt = now;
    }

    public void Describe(string? description, DateTimeOffset now)
    {
        Description = description;
        UpdatedAt = now;
    }

    public void RegisterRunsAs(string? modelName, DateTimeOffset now)
    {
        RegisterModelAs = modelName;
        UpdatedAt = now;
    }

    public void Delete(DateTimeOffset now)
    {
        if (IsDeleted) throw new IllegalStateChangeException("The experiment is already deleted.");
        DeletedAt = now;
        UpdatedAt = now;
    }

    public void Restore(DateTimeOffset now)
    {
        if (!IsDeleted) throw new IllegalStateChangeException("The experiment is not deleted.");
        DeletedAt = null;
        UpdatedAt = now;
    }
}
