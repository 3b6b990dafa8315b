using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Api.Mlflow;

/// <summary>
/// MLflow's JSON: snake_case fields, unset fields left out, int64 accepted as strings (protobuf's JSON mapping
/// writes them so) and non-finite doubles as the strings "NaN", "Infinity" and "-Infinity" both ways, as the
/// MLflow client (protobuf's MessageToJson) sends them.
/// </summary>
public static class MlflowJson
{
    /// <summary>MLflow itself refuses a log-batch body over 1 MB; this leaves room for escaping.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNameCaseInsensitive = false,
    };

    public static IResult Ok<T>(T body) => TypedResults.Json(body, Options);

    public static IResult Empty() => TypedResults.Json(new EmptyJson(), Options);

    /// <summary>Reads the body; anything that is not the expected JSON is INVALID_PARAMETER_VALUE, never a 500.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext http) where T : class
    {
        if (http.Request.ContentLength > MaxBodyBytes) throw TooLarge();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted)
                ?? throw MlflowException.InvalidParameter("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw MlflowException.InvalidParameter($"The request body is not valid JSON for this request: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            throw TooLarge();
        }
    }

    private static MlflowException TooLarge() =>
        MlflowException.InvalidParameter($"The request body is larger than {MaxBodyBytes / (1024 * 1024)} MiB; keys, values and batches have limits (see docs/tracking.md).");

    private sealed record EmptyJson;
}
