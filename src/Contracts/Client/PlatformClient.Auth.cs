namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<SetupStatusDto> GetSetupStatusAsync(CancellationToken ct = default) =>
        GetAsync<SetupStatusDto>("api/setup", ct);

    public Task<UserDto> CreateFirstAdminAsync(CreateFirstAdminRequest request, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/setup/admin", request, ct);

    public Task<UserDto> SignInAsync(SignInRequest request, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/auth/sign-in", request, ct);

    public Task SignOutAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/auth/sign-out", null, ct);

    /// <summary>Other sessions of the account end; this one continues.</summary>
    public Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/auth/password", request, ct);

    public Task<UserDto> GetMeAsync(CancellationToken ct = default) => GetAsync<UserDto>("api/auth/me", ct);

    /// <summary>Administrators create local accounts.</summary>
    public Task<UserDto> RegisterUserAsync(RegisterUserRequest request, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/users", request, ct);

    public Task<Page<UserDto>> ListUsersAsync(string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<UserDto>>("api/users" + Query(cursor, limit), ct);
}
