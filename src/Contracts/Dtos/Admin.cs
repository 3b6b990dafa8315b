namespace Platform.Contracts;

/// <summary>An account as administrators see it.</summary>
public sealed record AdminUserDto(
    Guid Id, string Email, string DisplayName, bool IsAdmin, bool IsDisabled, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, string? ExternalProvider);

/// <summary>Invites a person: a local account with a temporary password the administrator hands over (no email is sent).</summary>
public sealed record InviteUserRequest(string Email, string? DisplayName);

/// <summary>A password shown once, to give to the person; they change it under Account.</summary>
public sealed record TemporaryPasswordDto(AdminUserDto User, string TemporaryPassword);

public sealed record SetAdminRequest(bool IsAdmin);

/// <summary>A workspace with its storage use; <see cref="QuotaBytes"/> is the effective quota (0 = no limit).</summary>
public sealed record AdminWorkspaceDto(
    Guid Id, string Name, bool IsArchived, DateTimeOffset CreatedAt, int MemberCount, long UsedBytes, long QuotaBytes,
    bool UsesDefaultQuota);

/// <summary>A job queue: jobs waiting in it and the online workers that serve it.</summary>
public sealed record JobQueueDto(string Name, long Enqueued, int OnlineWorkers);

/// <summary>
/// One configuration key and its effective value (<see cref="IsConfigured"/> false: the built-in default). Secrets are
/// masked and never sent; a connection string is shown without its password.
/// </summary>
public sealed record ServerSettingDto(string Key, string? Value, bool IsSecret, bool IsConfigured);

public sealed record ServerInfoDto(
    string Version, IReadOnlyList<string> Roles, string DatabaseProvider, string ObjectStoreKind, string JobDashboardUrl,
    IReadOnlyList<ServerSettingDto> Settings);
