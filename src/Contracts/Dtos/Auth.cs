namespace Platform.Contracts;

public sealed record SetupStatusDto(bool NeedsFirstAdmin, bool SingleSignOnEnabled, string? SingleSignOnName);
public sealed record CreateFirstAdminRequest(string Email, string Password, string? DisplayName);
public sealed record SignInRequest(string Email, string Password);
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
public sealed record RegisterUserRequest(string Email, string Password, string? DisplayName);
public sealed record UserDto(Guid Id, string Email, string DisplayName, bool IsAdmin);

/// <summary>A personal token; with a workspace it reaches only that one (the workspace MLflow clients log into).</summary>
public sealed record ApiTokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, Guid? WorkspaceId = null, string? WorkspaceName = null);
public sealed record CreateApiTokenRequest(string Name, int ExpiresInDays = 90, Guid? WorkspaceId = null);
/// <summary>The only time the secret is shown; the server keeps its hash.</summary>
public sealed record CreatedApiTokenDto(ApiTokenDto Token, string Secret);
