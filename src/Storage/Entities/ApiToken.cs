namespace Platform.Storage.Entities;

/// <summary>A personal access token; only the SHA-256 of its secret is stored.</summary>
public sealed class ApiToken
{
    private ApiToken() { }

    public ApiToken(Guid userId, string name, string prefix, string secretHash, DateTimeOffset now, DateTimeOffset expiresAt, Guid? workspaceId = null)
    {
        WorkspaceId = workspaceId;
        Id = Guid.CreateVersion7();
        UserId = userId;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public User? User { get; private set; }
    /// <summary>A token made for one workspace reaches only that workspace (and MLflow clients log into it).</summary>
    public Guid? WorkspaceId { get; private set; }
    public Workspace? Workspace { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) throw new IllegalStateChangeException("The token is already revoked.");
        RevokedAt = now;
    }

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
