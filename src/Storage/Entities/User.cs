using Microsoft.AspNetCore.Identity;

namespace Platform.Storage.Entities;

public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public bool IsAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set for accounts created by single sign-on ("oidc"); null for local accounts.</summary>
    public string? ExternalProvider { get; set; }
    /// <summary>When an administrator disabled the account: it cannot sign in, and its sessions and tokens stop working.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }
    public bool IsDisabled => DisabledAt is not null;

    public void Disable(DateTimeOffset now)
    {
        if (IsDisabled) throw new IllegalStateChangeException("The account is already disabled.");
        DisabledAt = now;
    }

    public void Enable()
    {
        if (!IsDisabled) throw new IllegalStateChangeException("The account is not disabled.");
        DisabledAt = null;
    }

    public void GrantAdmin()
    {
        if (IsAdmin) throw new IllegalStateChangeException("The account is already an administrator.");
        if (IsDisabled) throw new IllegalStateChangeException("A disabled account cannot be made an administrator; enable it first.");
        IsAdmin = true;
    }

    public void RevokeAdmin()
    {
        if (!IsAdmin) throw new IllegalStateChangeException("The account is not an administrator.");
        IsAdmin = false;
    }
}
