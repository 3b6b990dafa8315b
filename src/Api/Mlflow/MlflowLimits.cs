using Platform.Api.Tracking;

namespace Platform.Api.Mlflow;

/// <summary>MLflow's own limits (mlflow/utils/validation.py), checked before anything is written.</summary>
public static class MlflowLimits
{
    public const int MaxMetricsPerBatch = 1000;
    public const int MaxParamsTagsPerBatch = 100;
    public const int MaxEntitiesPerBatch = 1000;
    public const int MaxKeyLength = TrackingKeys.MaxLength;
    public const int MaxParamValueLength = RunParam.MaxValueLength;
    public const int MaxTagValueLength = RunTag.MaxValueLength;
    public const int MaxSearchResults = 50000;
    public const int DefaultSearchResults = 1000;
    public const int MaxHistoryResults = 25000;

    /// <summary>A metric, param or tag key: required, at most 250 characters, and safe as a file path (as MLflow requires).</summary>
    public static string Key(string? key, string kind)
    {
        if (string.IsNullOrEmpty(key)) throw MlflowException.Missing("key");
        if (key.Length > MaxKeyLength)
            throw MlflowException.InvalidParameter($"{kind} name '{key[..40]}…' had length {key.Length}, which exceeded length limit of {MaxKeyLength}.");
        if (!TrackingKeys.HasValidCharacters(key))
            throw MlflowException.InvalidParameter(
                $"Invalid {kind.ToLowerInvariant()} name: '{key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).");
        if (!TrackingKeys.HasValidParts(key))
            throw MlflowException.InvalidParameter($"Invalid {kind.ToLowerInvariant()} name: '{key}'. Names are used as paths and must not contain empty, '.' or '..' parts.");
        return key;
    }

    public static string Value(string? value, int max, string kind, string key)
    {
        if (value is null) throw MlflowException.Missing("value");
        if (value.Length > max)
            throw MlflowException.InvalidParameter($"{kind} '{key}' had a value of length {value.Length}, which exceeded length limit of {max}.");
        return value;
    }
}
