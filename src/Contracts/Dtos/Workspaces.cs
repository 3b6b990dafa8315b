namespace Platform.Contracts;

public enum WorkspaceRole { Viewer, Annotator, Member, Maintainer, Owner }

public sealed record WorkspaceDto(Guid Id, string Name, WorkspaceRole MyRole, bool IsArchived, DateTimeOffset CreatedAt);
public sealed record CreateWorkspaceRequest(string Name);
public sealed record RenameWorkspaceRequest(string Name);

/// <param name="Invited">True while the account has not accepted the invitation; it has no access until then.</param>
public sealed record MemberDto(Guid UserId, string Email, string DisplayName, WorkspaceRole Role, DateTimeOffset JoinedAt, bool Invited = false);
/// <summary>A workspace an owner invited this account to; accepting makes the account a member with <paramref name="Role"/>.</summary>
public sealed record InvitationDto(Guid WorkspaceId, string WorkspaceName, WorkspaceRole Role, string? InvitedBy, DateTimeOffset InvitedAt);
public sealed record AddMemberRequest(string Email, WorkspaceRole Role);
public sealed record ChangeMemberRoleRequest(WorkspaceRole Role);

public sealed record AuditEventDto(long Id, DateTimeOffset At, string Action, Guid? ActorId, string? ActorEmail, string? Target, string? Detail);
