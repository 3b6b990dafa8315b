using Platform.Contracts;

namespace Platform.Storage.Entities;

public sealed class Membership
{
    private Membership() { }

    public Membership(Guid workspaceId, Guid userId, WorkspaceRole role, DateTimeOffset now)
    {
        WorkspaceId = workspaceId;
        UserId = userId;
        Role = role;
        JoinedAt = now;
    }

    public Guid WorkspaceId { get; private set; }
    public Guid UserId { get; private set; }
    public WorkspaceRole Role { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }
    public User? User { get; private set; }
    public Workspace? Workspace { get; private set; }

    public bool Allows(WorkspaceRole needed) => Role >= needed;

    /// <summary>Changes the role; the caller checks that the last owner is not demoted.</summary>
    public void ChangeRole(WorkspaceRole role) => Role = role;
}
