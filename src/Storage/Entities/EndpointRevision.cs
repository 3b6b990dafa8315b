namespace Platform.Storage.Entities;

/// <summary>
/// What an endpoint was pointed at, numbered from 1: at deployment, at each change of version or alias, when the alias
/// it follows moves, and at each rollback. The version's number is kept, as a version may later be deleted.
/// </summary>
public sealed class EndpointRevision
{
    private EndpointRevision() { }

    public EndpointRevision(ModelEndpoint endpoint, int number, ModelVersion version, string? alias, string reason, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        EndpointId = endpoint.Id;
        WorkspaceId = endpoint.WorkspaceId;
        Number = number;
        VersionId = version.Id;
        VersionNumber = version.Number;
        Alias = alias;
        Reason = reason;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public int Number { get; private set; }
    public Guid VersionId { get; private set; }
    public int VersionNumber { get; private set; }
    public string? Alias { get; private set; }
    /// <summary>deployed, changed, alias-moved or rolled-back.</summary>
    public string Reason { get; private set; } = "";
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
