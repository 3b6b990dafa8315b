namespace Platform.Storage.Data;

/// <summary>Configuration section Platform:Database.</summary>
public sealed class DatabaseOptions
{
    /// <summary>"sqlite" (default, embedded) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>Defaults to Data Source=./data/platform.db for SQLite.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>PostgreSQL only: apply migrations at start instead of with the `migrate` command.</summary>
    public bool MigrateOnStart { get; set; }

    public bool IsPostgres => Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase);
}
