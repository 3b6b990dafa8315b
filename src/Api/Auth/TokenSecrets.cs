using System.Security.Cryptography;
using System.Text;

namespace Platform.Api.Auth;

/// <summary>Personal API token secrets: "plat_" + 32 random bytes; stored as SHA-256 hex, never in clear.</summary>
public static class TokenSecrets
{
    public const string Prefix = "plat_";

    public static string NewSecret() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The first characters, shown in lists so people can tell tokens apart.</summary>
    public static string DisplayPrefix(string secret) => secret[..12];
}
