using System.Reflection;
using Platform.Api.Annotation;
using Platform.Api.Auth;
using Platform.Api.Tracking;
using Platform.Jobs.Training;
using Platform.Serving;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Objects;

namespace Platform.Server.Settings;

/// <summary>
/// Every configuration key the server reads under <c>Platform:</c>, taken from the options types it binds (and the
/// few keys read one by one). Install files (compose, Helm) are checked against it, so a misspelt variable is caught
/// by a test instead of being silently ignored in production.
/// </summary>
public static class SettingsCatalog
{
    private static readonly (string Section, Type Options)[] BoundSections =
    [
        ("Platform", typeof(PlatformOptions)),
        ("Platform:Database", typeof(DatabaseOptions)),
        (ObjectStoreOptions.SectionName, typeof(ObjectStoreOptions)),
        (DatasetStorageOptions.Section, typeof(DatasetStorageOptions)),
        (TrackingOptions.Section, typeof(TrackingOptions)),
        (AnnotationOptions.Section, typeof(AnnotationOptions)),
        (TrainingOptions.Section, typeof(TrainingOptions)),
        (ServingOptions.Section, typeof(ServingOptions)),
        ("Platform:Oidc", typeof(OidcOptions)),
    ];

    /// <summary>Read with <c>configuration[key]</c> rather than bound to a type.</summary>
    private static readonly string[] SingleKeys =
    [
        "Platform:Admin:Email", "Platform:Admin:Password", "Platform:Admin:DisplayName",
        "Platform:RateLimits:SignInPerMinute", Telemetry.TelemetrySetup.LogFormat, Backup.DatabaseBackups.PostgresBinSetting,
    ];

    private static readonly string[] SecretWords = ["Password", "Secret", "ConnectionString"];

    public static IReadOnlyCollection<string> Keys { get; } = BuildKeys();

    /// <summary>The built-in value of each bound key (what an unset key means), as configuration text.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = BuildDefaults();

    public static bool IsKnown(string key) => Keys.Contains(key.Replace("__", ":"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Passwords, client secrets, S3 secret keys and connection strings: never shown or logged.</summary>
    public static bool IsSecret(string key) => SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static SortedSet<string> BuildKeys()
    {
        var keys = new SortedSet<string>(SingleKeys, StringComparer.OrdinalIgnoreCase);
        foreach (var (section, type) in BoundSections) AddProperties(keys, section, type);
        return keys;
    }

    private static void AddProperties(SortedSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}:{property.Name}";
            if (IsLeaf(property.PropertyType)) keys.Add(key);
            else AddProperties(keys, key, property.PropertyType);
        }
    }

    private static Dictionary<string, string?> BuildDefaults()
    {
        var defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, type) in BoundSections) AddDefaults(defaults, section, Activator.CreateInstance(type));
        return defaults;
    }

    private static void AddDefaults(Dictionary<string, string?> defaults, string prefix, object? instance)
    {
        if (instance is null) return;
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);
            if (!IsLeaf(property.PropertyType)) AddDefaults(defaults, key, value);
            else defaults[key] = value switch
            {
                null => null,
                Array array => string.Join(",", array.Cast<object?>()),
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }
    }

    private static bool IsLeaf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying.IsArray;
    }
}
