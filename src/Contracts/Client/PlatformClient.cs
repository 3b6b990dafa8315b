using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Contracts;

/// <summary>
/// Typed client for the Platform API, used by the portal, the CLI and the tests.
/// Cookie sign-in works when the HttpClient keeps cookies (the browser does); scripts set a bearer token.
/// </summary>
public sealed partial class PlatformClient(HttpClient http)
{
    /// <summary>Header every unsafe request carries; cookie-authenticated requests without it are refused (CSRF).</summary>
    public const string CsrfHeader = "X-Platform-Csrf";

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>
    /// The API's JSON: web defaults, enums as strings only (a number is refused), and NaN / ±Infinity written as the
    /// strings "NaN", "Infinity", "-Infinity" (metrics keep them).
    /// </summary>
    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
        options.NumberHandling |= System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }

    public HttpClient Http => http;

    public void UseToken(string secret) =>
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

    private async Task<T> GetAsync<T>(string url, CancellationToken ct) =>
        await ReadAsync<T>(await http.SendAsync(Request(HttpMethod.Get, url), ct), ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string url, object? body, CancellationToken ct) =>
        await ReadAsync<T>(await http.SendAsync(Request(method, url, body), ct), ct);

    private async Task SendAsync(HttpMethod method, string url, object? body, CancellationToken ct)
    {
        using var response = await http.SendAsync(Request(method, url, body), ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>A GET whose body the caller reads as a stream and disposes; an error status throws.</summary>
    private async Task<HttpResponseMessage> DownloadAsync(string url, CancellationToken ct)
    {
        var response = await http.SendAsync(Request(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response) await EnsureSuccessAsync(response, ct);
        }
        return response;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(CsrfHeader, "1");
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            await EnsureSuccessAsync(response, ct);
            return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        ProblemDto? problem = null;
        try { problem = await response.Content.ReadFromJsonAsync<ProblemDto>(Json, ct); }
        catch (JsonException) { }
        catch (NotSupportedException) { }
        throw new PlatformApiException(response.StatusCode, problem);
    }

    private static string Query(string? cursor, int? limit, params (string Name, string? Value)[] filters)
    {
        var parts = new List<string>();
        foreach (var (name, value) in filters)
            if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + Uri.EscapeDataString(value));
        if (cursor is not null) parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        if (limit is not null) parts.Add("limit=" + limit);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>RFC 9457 problem details as the API returns them.</summary>
public sealed record ProblemDto(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);

public sealed class PlatformApiException(HttpStatusCode status, ProblemDto? problem)
    : Exception(problem?.Detail ?? problem?.Title ?? $"The server answered {(int)status} {status}.")
{
    public HttpStatusCode Status { get; } = status;
    public ProblemDto? Problem { get; } = problem;

    /// <summary>A message fit to show a person, including per-field validation messages.</summary>
    public string UserMessage => Problem?.Errors is { Count: > 0 } errors
        ? string.Join(" ", errors.SelectMany(e => e.Value))
        : Message;
}
