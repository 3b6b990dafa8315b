namespace Platform.Api.Auth;

public static class AuthSchemes
{
    /// <summary>Picks the bearer-token scheme when an Authorization header is present, else the sign-in cookie.</summary>
    public const string Smart = "platform";
    public const string Token = "token";
    public const string Oidc = "oidc";
    public const string AdminPolicy = "admin";
}
