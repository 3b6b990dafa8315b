using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Contracts;
using Shouldly;

namespace Platform.Api.Tests.Serving;

public static class EndpointWaits
{
    /// <summary>Waits until the endpoint is Ready with <paramref name="version"/> answering (or fails with its status).</summary>
    public static async Task<EndpointDto> ForServingAsync(this PlatformClient client, Guid ws, Guid id, int version, CancellationToken ct, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var endpoint = await client.GetEndpointAsync(ws, id, ct);
            if (endpoint.Status == EndpointStatus.Ready && endpoint.ServingVersion == version) return endpoint;
            endpoint.Status.ShouldNotBe(EndpointStatus.Failed, endpoint.Error);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The endpoint is {endpoint.Status}, serving v{endpoint.ServingVersion}, not v{version}.");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>A predict request as an application sends it, with the raw status and body.</summary>
    public static async Task<(HttpStatusCode Status, string Body, PredictResponse? Answer)> PostAsync(HttpClient http, string path, object body, CancellationToken ct) =>
        await SendAsync(http, path, JsonContent.Create(body, options: PlatformClient.Json), ct);

    public static async Task<(HttpStatusCode Status, string Body, PredictResponse? Answer)> SendAsync(HttpClient http, string path, HttpContent content, CancellationToken ct)
    {
        using var response = await http.PostAsync(path, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var answer = response.IsSuccessStatusCode ? System.Text.Json.JsonSerializer.Deserialize<PredictResponse>(text, PlatformClient.Json) : null;
        if (!response.IsSuccessStatusCode) response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        return (response.StatusCode, text, answer);
    }

    public static StringContent Raw(string body, string contentType) => new(body, Encoding.UTF8, contentType);
}
