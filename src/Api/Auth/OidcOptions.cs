namespace Platform.Api.Auth;

/// <summary>Configuration section Platform:Oidc. Single sign-on is on when Authority and ClientId are set.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Shown on the sign-in button.</summary>
    public string DisplayName { get; set; } = "single sign-on";
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
