namespace Platform.Contracts;

public sealed record SetupStatusDto(bool NeedsFirstAdmin, bool SingleSignOnEnabled, string? SingleSignOnName);
public sealed record CreateFirstAdminRequest(string Email, string Password, string? DisplayName);
public sealed record SignInRequest(string Email, string Password);
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
public sealed record RegisterUserRequest(string Email, string Password, string? DisplayName);
public sealed record UserDto(Guid Id, string Email, string DisplayName, bool IsAdmin);

public sealed record ApiTokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
public sealed record CreateApiTokenRequest(string Name, int ExpiresInDays = 90);
/// <summary>The only time the secret is shown; the server keeps its hash.</summary>
public sealed record CreatedApiTokenDto(ApiTokenDto Token, string Secret);
