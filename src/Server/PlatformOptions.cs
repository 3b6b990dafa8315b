namespace Platform.Server;

/// <summary>Configuration section "Platform": which roles this process plays and where embedded data lives.</summary>
public sealed class PlatformOptions
{
    public const string AllRoles = "api,web,worker,serving";

    /// <summary>Comma-separated: api, web, worker, serving. Default: all (embedded mode).</summary>
    public string Roles { get; set; } = AllRoles;
    /// <summary>Queues this process's worker serves.</summary>
    public string Queues { get; set; } = "default,cpu";
    /// <summary>Folder for the SQLite database and the object folder in embedded mode.</summary>
    public string DataFolder { get; set; } = "data";
    /// <summary>Used when no --urls / ASPNETCORE_URLS is given.</summary>
    public int Port { get; set; } = 5000;
    public string? WorkerName { get; set; }
    public int? WorkerCount { get; set; }

    public bool Has(string role) => Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Contains(role, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> QueueList => Queues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(q => q.ToLowerInvariant()).ToArray();
}
