namespace Platform.Api.Infrastructure;

public static class Mapping
{
    public static UserDto ToDto(this User u) => new(u.Id, u.Email ?? "", u.DisplayName, u.IsAdmin);

    public static AdminUserDto ToAdminDto(this User u) =>
        new(u.Id, u.Email ?? "", u.DisplayName, u.IsAdmin, u.IsDisabled, u.CreatedAt, u.DisabledAt, u.ExternalProvider);

    public static ApiTokenDto ToDto(this ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.WorkspaceId, t.Workspace?.Name);

    public static WorkspaceDto ToDto(this Workspace w, WorkspaceRole role) => new(w.Id, w.Name, role, w.IsArchived, w.CreatedAt);

    public static MemberDto ToDto(this Membership m) => new(m.UserId, m.User?.Email ?? "", m.User?.DisplayName ?? "", m.Role, m.JoinedAt, !m.IsAccepted);

    public static AuditEventDto ToDto(this AuditEvent a) => new(a.Id, a.At, a.Action, a.ActorId, a.ActorEmail, a.Target, a.Detail);

    public static OperationDto ToDto(this Operation o) =>
        new(o.Id, o.WorkspaceId, o.Kind, o.State, o.Progress, o.Message, o.CreatedAt, o.StartedAt, o.FinishedAt, o.WorkerName, o.SubjectId, o.ResultFileName);

    public static WorkerDto ToDto(this Worker w, DateTimeOffset now) => new(
        w.Id, w.Name, w.Queues.Split(',', StringSplitOptions.RemoveEmptyEntries), w.CpuCount, w.MemoryBytes,
        w.GpuCount > 0 ? new GpuInfoDto(w.GpuCount, w.GpuName, w.GpuMemoryBytes) : null,
        w.StartedAt, w.LastHeartbeatAt, w.IsOnlineAt(now), w.IsOnlineAt(now) ? w.CurrentJob : null);
}
