using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Contracts;

namespace Platform.Web.Pages.Serving;

/// <summary>How endpoints read on the pages, and the rules their forms check before asking the server.</summary>
public static partial class ServingFormat
{
    public const int MaxNameLength = 63;
    public const int DefaultMaxBatchSize = 32;
    public const int MaxMaxBatchSize = 256;
    public const int DefaultMaxWaitMilliseconds = 5;
    public const int MaxMaxWaitMilliseconds = 1000;

    /// <summary>A name the server accepts, made from a model's name: "Cats & Dogs" → "cats---dogs".</summary>
    public static string DefaultName(string modelName)
    {
        var builder = new StringBuilder(modelName.Length);
        foreach (var c in modelName.ToLowerInvariant()) builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? c : '-');
        var name = builder.ToString().Trim('-');
        if (name.Length > MaxNameLength) name = name[..MaxNameLength].TrimEnd('-');
        return name.Length == 0 ? "endpoint" : name;
    }

    public static string? NameProblem(string? name) => name switch
    {
        null or "" => "Give the endpoint a name.",
        { Length: > MaxNameLength } => $"Use at most {MaxNameLength} characters.",
        _ when !AllowedName().IsMatch(name) => "Start with a lowercase letter or digit; use only lowercase letters, digits and '-'.",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex AllowedName();

    /// <summary>"alias production → v3" for an endpoint that follows an alias, "v3" for a fixed version.</summary>
    public static string Target(EndpointDto endpoint) => endpoint.Alias is { } alias ? $"alias {alias} → v{endpoint.Version}" : $"v{endpoint.Version}";

    /// <summary>A version still answering while the endpoint loads another one, if any.</summary>
    public static int? PreviousVersion(EndpointDto endpoint) =>
        endpoint.ServingVersion is { } serving && serving != endpoint.Version ? serving : null;

    public static string Percent(double fraction) => fraction.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The predict route's full address, on the server the portal was loaded from.</summary>
    public static string PredictUrl(string baseUri, EndpointDto endpoint) => baseUri.TrimEnd('/') + "/" + endpoint.PredictPath.TrimStart('/');

    public static string Describe(EndpointSignatureDto signature)
    {
        var parts = new List<string>
        {
            signature.Kind switch
            {
                "image" => signature.ImageSize is { } size ? $"Takes images (resized to {size}×{size})" : "Takes images",
                "text" => signature.MaxTokens is { } tokens ? $"Takes texts (up to {tokens} tokens)" : "Takes texts",
                "table" => $"Takes table rows ({signature.Columns?.Count ?? 0} columns)",
                var other => $"Takes {other}",
            },
            signature.Task,
        };
        if (signature.Classes.Count > 0) parts.Add($"{signature.Classes.Count} classes");
        return string.Join(" · ", parts);
    }

    /// <summary>A curl command that calls the endpoint with a key, shaped to what it takes.</summary>
    public static string Curl(string url, EndpointSignatureDto? signature)
    {
        var lines = new List<string> { $"curl -X POST \"{url}\"", $"  -H \"{EndpointKeys.Header}: {EndpointKeys.Prefix}…\"" };
        if (signature?.Kind == "image")
        {
            lines.Add("  -F \"images=@photo.jpg\"");
        }
        else
        {
            lines.Add("  -H \"Content-Type: application/json\"");
            lines.Add($"  -d '{ExampleBody(signature).Replace("'", "'\\''", StringComparison.Ordinal)}'");
        }
        return string.Join(" \\\n", lines);
    }

    private static string ExampleBody(EndpointSignatureDto? signature)
    {
        JsonNode? instance = signature?.Kind switch
        {
            "text" => JsonValue.Create("The text to classify"),
            "table" => ExampleRow(signature.Columns ?? []),
            _ => JsonValue.Create("…"),
        };
        return new JsonObject { ["instances"] = new JsonArray(instance) }.ToJsonString();
    }

    private static JsonObject ExampleRow(IReadOnlyList<EndpointColumnDto> columns)
    {
        var row = new JsonObject();
        foreach (var c in columns)
            row[c.Name] = c.Categories is { Count: > 0 } categories ? JsonValue.Create(categories[0]) : c.Numeric ? JsonValue.Create(0) : JsonValue.Create("");
        return row;
    }
}
