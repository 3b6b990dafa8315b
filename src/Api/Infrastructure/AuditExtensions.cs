namespace Platform.Api.Infrastructure;

public static class AuditExtensions
{
    /// <summary>Adds an audit row to the unit of work; it is written with the change it records, or not at all.</summary>
    public static void Audit(this PlatformDb db, TimeProvider clock, string action, Guid? workspaceId, User? actor, string? target = null, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), action, workspaceId, actor?.Id, actor?.Email, target, detail));
}
