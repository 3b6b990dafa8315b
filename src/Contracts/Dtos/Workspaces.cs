namespace Platform.Contracts;

public enum WorkspaceRole { Viewer, Annotator, Member, Maintainer, Owner }

public sealed record WorkspaceDto(Guid Id, string Name, WorkspaceRole MyRole, bool IsArchived, DateTimeOffset CreatedAt);
public sealed record CreateWorkspaceRequest(string Name);
public sealed record RenameWorkspaceRequest(string Name);

public sealed record MemberDto(Guid UserId, string Email, string DisplayName, WorkspaceRole Role, DateTimeOffset JoinedAt);
public sealed record AddMemberRequest(string Email, WorkspaceRole Role);
public sealed record ChangeMemberRoleRequest(WorkspaceRole Role);

public sealed record AuditEventDto(long Id, DateTimeOffset At, string Action, Guid? ActorId, string? ActorEmail, string? Target, string? Detail);
