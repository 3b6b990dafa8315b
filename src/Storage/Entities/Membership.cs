using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// An account's place in a workspace. Someone added by an owner is invited (<see cref="AcceptedAt"/> null) and has no
/// access until the account accepts; the creator of a workspace is a member at once.
/// </summary>
public sealed class Membership
{
    private Membership() { }

    public Membership(Guid workspaceId, Guid userId, WorkspaceRole role, DateTimeOffset now, Guid? invitedBy = null)
    {
        WorkspaceId = workspaceId;
        UserId = userId;
        Role = role;
        JoinedAt = now;
        InvitedBy = invitedBy;
        AcceptedAt = invitedBy is null ? now : null;
    }

    public Guid WorkspaceId { get; private set; }
    public Guid UserId { get; private set; }
    public WorkspaceRole Role { get; private set; }
    /// <summary>When the membership was created: the workspace made, or the invitation sent.</summary>
    public DateTimeOffset JoinedAt { get; private set; }
    public Guid? InvitedBy { get; private set; }
    /// <summary>Null while the invitation waits for the account's answer.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }
    public bool IsAccepted => AcceptedAt is not null;
    public User? User { get; private set; }
    public Workspace? Workspace { get; private set; }

    public bool Allows(WorkspaceRole needed) => Role >= needed;

    public void Accept(DateTimeOffset now)
    {
        if (AcceptedAt is not null) throw new IllegalStateChangeException("The invitation was already accepted.");
        AcceptedAt = now;
    }

    /// <summary>Changes the role; the caller checks that the last owner is not demoted.</summary>
    public void ChangeRole(WorkspaceRole role) => Role = role;
}
