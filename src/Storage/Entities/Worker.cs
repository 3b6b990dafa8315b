namespace Platform.Storage.Entities;

/// <summary>A worker process that runs jobs; it registers at start and heartbeats while alive.</summary>
public sealed class Worker
{
    public static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(20);

    private Worker() { }

    public Worker(string name, string queues, int cpuCount, long memoryBytes, int gpuCount, string? gpuName, long? gpuMemoryBytes, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        Name = name;
        Queues = queues;
        CpuCount = cpuCount;
        MemoryBytes = memoryBytes;
        GpuCount = gpuCount;
        GpuName = gpuName;
        GpuMemoryBytes = gpuMemoryBytes;
        StartedAt = now;
        LastHeartbeatAt = now;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Comma-separated queue names.</summary>
    public string Queues { get; private set; } = "";
    public int CpuCount { get; private set; }
    public long MemoryBytes { get; private set; }
    public int GpuCount { get; private set; }
    public string? GpuName { get; private set; }
    public long? GpuMemoryBytes { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset LastHeartbeatAt { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }
    public string? CurrentJob { get; private set; }

    public bool IsOnlineAt(DateTimeOffset now) => StoppedAt is null && now - LastHeartbeatAt < OfflineAfter;

    public bool Serves(string queue) => Queues.Split(',').Contains(queue);

    public void Heartbeat(DateTimeOffset now, string? currentJob)
    {
        LastHeartbeatAt = now;
        CurrentJob = currentJob;
    }

    public void Stop(DateTimeOffset now)
    {
        StoppedAt = now;
        CurrentJob = null;
    }
}
