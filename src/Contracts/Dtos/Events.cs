namespace Platform.Contracts;

/// <summary>What the live hub pushes to browsers: small, with IDs; the client re-reads what it needs.</summary>
public sealed record LiveEventDto(string Type, Guid? WorkspaceId, string? ResourceId, string? Message, DateTimeOffset At);

public static class LiveEvents
{
    public const string HubPath = "/hubs/events";
    /// <summary>Client method that receives a <see cref="LiveEventDto"/>.</summary>
    public const string ClientMethod = "event";
    public const string JoinWorkspace = "JoinWorkspace";
    public const string LeaveWorkspace = "LeaveWorkspace";
    /// <summary>Only one resource's events (a run, an operation); don't also join its workspace or events arrive twice.</summary>
    public const string JoinResource = "JoinResource";
    public const string LeaveResource = "LeaveResource";

    public const string WorkerOnline = "worker.online";
    public const string WorkerOffline = "worker.offline";
    public const string WorkerHeartbeat = "worker.heartbeat";
    public const string OperationChanged = "operation.changed";
    public const string MembersChanged = "members.changed";
    /// <summary>A dataset was created, edited, deleted or got a new version; ResourceId is the dataset id.</summary>
    public const string DatasetChanged = "dataset.changed";
    /// <summary>A run changed state or progress; ResourceId is the run id.</summary>
    public const string RunChanged = "run.changed";
    /// <summary>A run has new metric points; ResourceId is the run id.</summary>
    public const string RunMetrics = "run.metrics";
    /// <summary>A run has new log lines; ResourceId is the run id.</summary>
    public const string RunLog = "run.log";
    /// <summary>An endpoint was deployed, pointed elsewhere, loaded, failed or deleted; ResourceId is the endpoint id.</summary>
    public const string EndpointChanged = "endpoint.changed";
    /// <summary>An endpoint's request counts were written (every few seconds while it answers); ResourceId is the endpoint id.</summary>
    public const string EndpointMetrics = "endpoint.metrics";
    /// <summary>An annotation project's schema, tasks or reviews changed; ResourceId is the project id, Message what changed.</summary>
    public const string AnnotationChanged = "annotation.changed";
    public const string TestEvent = "test";
    /// <summary>
    /// Between server processes only, never sent to browsers: an account lost access (removed, role changed, signed
    /// out, token revoked); ResourceId is the user id and Message the revoked token's id, if only one token is affected.
    /// </summary>
    public const string AccessRevoked = "access.revoked";
}
