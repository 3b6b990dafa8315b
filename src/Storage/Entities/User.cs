using Microsoft.AspNetCore.Identity;

namespace Platform.Storage.Entities;

public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public bool IsAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set for accounts created by single sign-on ("oidc"); null for local accounts.</summary>
    public string? ExternalProvider { get; set; }
}
