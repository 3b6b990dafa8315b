using System.Text;

namespace Platform.Api.Mlflow;

/// <summary>MLflow ids are strings: ours are Guids in "N" form (32 hex digits, like MLflow's own run ids).</summary>
public static class MlflowIds
{
    /// <summary>MLflow clients log into experiment "0" when none is set; here it is the workspace's Default experiment.</summary>
    public const string DefaultExperiment = "0";

    public static string Format(Guid id) => id.ToString("N");

    /// <summary>The id, or null when it is not one of ours (which then does not exist).</summary>
    public static Guid? Parse(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw MlflowException.Missing(field)
        : Guid.TryParse(value.Trim(), out var id) ? id : null;

    /// <summary>An offset-based page token, as MLflow's SQL store uses: opaque base64 to the client.</summary>
    public static string? PageToken(int offset, bool more) =>
        more ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}")) : null;

    public static int ReadPageToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            using var json = System.Text.Json.JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("offset", out var offset) && offset.TryGetInt32(out var value) && value >= 0) return value;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException) { }
        throw MlflowException.InvalidParameter("Invalid page token: it was not made by this server.");
    }

    public static int MaxResults(long? requested, int fallback, int max, string field = "max_results") => requested switch
    {
        null => fallback,
        < 1 => throw MlflowException.InvalidParameter($"Invalid value {requested} for parameter '{field}': it must be at least 1."),
        _ when requested > max => throw MlflowException.InvalidParameter($"Invalid value {requested} for parameter '{field}': it must be at most {max}."),
        _ => (int)requested,
    };
}
