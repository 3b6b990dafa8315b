namespace Platform.Contracts;

public sealed record GpuInfoDto(int Count, string? Name, long? MemoryBytes);
public sealed record WorkerDto(
    Guid Id, string Name, IReadOnlyList<string> Queues, int CpuCount, long MemoryBytes, GpuInfoDto? Gpu,
    DateTimeOffset StartedAt, DateTimeOffset LastHeartbeatAt, bool IsOnline, string? CurrentJob);

public enum OperationState { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>A long-running piece of work recorded in the database (import, export, check...).</summary>
public sealed record OperationDto(
    Guid Id, Guid WorkspaceId, string Kind, OperationState State, double Progress, string? Message,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? WorkerName,
    Guid? SubjectId = null, string? ResultFileName = null);
