using System.Text.RegularExpressions;

namespace Platform.Api.Tracking;

/// <summary>
/// The rule for metric, param and tag keys, MLflow's (mlflow/utils/validation.py), which both tracking APIs apply:
/// keys are used as file paths by MLflow's tools, so they keep to a safe alphabet and have no empty, '.' or '..' parts.
/// </summary>
public static partial class TrackingKeys
{
    public const int MaxLength = 250;

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex ValidCharacters();

    public static bool HasValidCharacters(string key) => ValidCharacters().IsMatch(key);

    public static bool HasValidParts(string key) => !key.StartsWith('/') && !key.Split('/').Any(part => part is "" or "." or "..");

    /// <summary>Why the key is refused, for a person; null when it is fine.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "The key is required.";
        if (key.Length > MaxLength) return $"The key '{key[..40]}…' has {key.Length:N0} characters; the limit is {MaxLength}.";
        if (!HasValidCharacters(key))
            return $"The key '{key}' may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).";
        if (!HasValidParts(key)) return $"The key '{key}' is used as a path: it must not start with '/' or contain empty, '.' or '..' parts.";
        return null;
    }
}
