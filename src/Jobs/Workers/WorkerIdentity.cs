namespace Platform.Jobs.Workers;

/// <summary>Who this process is as a worker: a unique name and the queues it serves.</summary>
public sealed record WorkerIdentity(string Name, IReadOnlyList<string> Queues)
{
    public static WorkerIdentity Create(string? configuredName, IReadOnlyList<string> queues) =>
        new(configuredName ?? $"{Environment.MachineName.ToLowerInvariant()}:{Environment.ProcessId}", queues);
}
