namespace Platform.Storage.Entities;

/// <summary>Append-only record of a security-relevant action. Never updated or deleted.</summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public AuditEvent(DateTimeOffset at, string action, Guid? workspaceId, Guid? actorId, string? actorEmail, string? target, string? detail)
    {
        At = at;
        Action = action;
        WorkspaceId = workspaceId;
        ActorId = actorId;
        ActorEmail = actorEmail;
        Target = target;
        Detail = detail;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Action { get; private set; } = "";
    public Guid? WorkspaceId { get; private set; }
    public Guid? ActorId { get; private set; }
    public string? ActorEmail { get; private set; }
    public string? Target { get; private set; }
    public string? Detail { get; private set; }
}

public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string SignOut = "auth.sign-out";
    public const string PasswordChanged = "auth.password-changed";
    public const string FirstAdminCreated = "auth.first-admin-created";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserMadeAdmin = "user.made-admin";
    public const string UserAdminRemoved = "user.admin-removed";
    public const string UserPasswordReset = "user.password-reset";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string WorkspaceCreated = "workspace.created";
    public const string WorkspaceRenamed = "workspace.renamed";
    public const string WorkspaceArchived = "workspace.archived";
    public const string WorkspaceQuotaChanged = "workspace.quota-changed";
    public const string MemberAdded = "member.added";
    public const string MemberInvited = "member.invited";
    public const string InvitationDeclined = "member.declined";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberRemoved = "member.removed";
    public const string DatasetCreated = "dataset.created";
    public const string DatasetImportStarted = "dataset.import-started";
    public const string DatasetSplitStarted = "dataset.split-started";
    public const string DatasetExportStarted = "dataset.export-started";
    public const string DatasetDeleted = "dataset.deleted";
    public const string DatasetRestored = "dataset.restored";
    public const string DatasetPurged = "dataset.purged";
    public const string RunStarted = "run.started";
    public const string RunCancelled = "run.cancelled";
    public const string RunPriorityChanged = "run.priority-changed";
    public const string SweepStarted = "sweep.started";
}
