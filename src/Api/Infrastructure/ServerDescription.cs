using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace Platform.Api.Infrastructure;

/// <summary>
/// What the executable tells the administrator page about itself: its version, this process's roles and the settings
/// it knows (with their built-in defaults and which of them are secret). Registered by the Server project.
/// </summary>
public sealed record ServerDescription(
    string Version, IReadOnlyList<string> Roles, IReadOnlyCollection<string> SettingKeys,
    IReadOnlyDictionary<string, string?> Defaults, Func<string, bool> IsSecret)
{
    public const string Mask = "••••••";

    /// <summary>Each known key with its effective value; a secret's value never leaves this method.</summary>
    public IReadOnlyList<ServerSettingDto> Settings(IConfiguration configuration) => SettingKeys.Select(key =>
    {
        var configured = configuration[key];
        var value = configured ?? Defaults.GetValueOrDefault(key);
        var secret = IsSecret(key);
        if (secret && !string.IsNullOrEmpty(value))
            value = key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) ? WithoutPassword(value) : Mask;
        return new ServerSettingDto(key, value, secret, configured is not null);
    }).ToList();

    /// <summary>The connection string with its password (and anything unparsable) masked: host and database stay readable.</summary>
    public static string WithoutPassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
                if (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase)
                    || key.Contains("secret", StringComparison.OrdinalIgnoreCase))
                    builder[key] = Mask;
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return Mask;
        }
    }
}
