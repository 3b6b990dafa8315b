namespace Platform.Storage.Entities;

/// <summary>A key that calls one endpoint's predict route, separate from people's tokens; only its SHA-256 is stored.</summary>
public sealed class EndpointKey
{
    public const int MaxNameLength = 100;
    public const int MaxPerEndpoint = 50;

    private EndpointKey() { }

    public EndpointKey(ModelEndpoint endpoint, string name, string prefix, string secretHash, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        EndpointId = endpoint.Id;
        WorkspaceId = endpoint.WorkspaceId;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) throw new IllegalStateChangeException("The key is already revoked.");
        RevokedAt = now;
    }

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;

    /// <summary>A new secret: the prefix and 32 random bytes in hex.</summary>
    public static string NewSecret() => Contracts.EndpointKeys.Prefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
