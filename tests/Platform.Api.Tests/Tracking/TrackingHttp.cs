using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;

namespace Platform.Api.Tests.Tracking;

/// <summary>Code that runs elsewhere: a client with a workspace token, and raw requests for what the typed client cannot send.</summary>
public static class TrackingHttp
{
    public static async Task<PlatformClient> ScriptAsync(PlatformApp app, PlatformClient owner, Guid workspaceId, CancellationToken ct)
    {
        var token = await owner.CreateTokenAsync(new CreateApiTokenRequest("script", 7, workspaceId), ct);
        var script = new PlatformClient(app.CreateClient());
        script.UseToken(token.Secret);
        return script;
    }

    public static Task<Answer> PostJsonAsync(this PlatformClient client, string url, string json, CancellationToken ct) =>
        client.SendRawAsync(HttpMethod.Post, url, new StringContent(json, Encoding.UTF8, "application/json"), ct);

    public static async Task<Answer> SendRawAsync(this PlatformClient client, HttpMethod method, string url, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(PlatformClient.CsrfHeader, "1");
        return await client.SendRawAsync(request, ct);
    }

    public static async Task<Answer> SendRawAsync(this PlatformClient client, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await client.Http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json") == true && text.Length > 0 ? JsonNode.Parse(text) : null;
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    /// <summary>An RFC 9457 problem with this status; returns its per-field errors (empty when it has none).</summary>
    public static JsonObject ShouldBeProblem(this Answer answer, HttpStatusCode status)
    {
        answer.Status.ShouldBe(status, answer.Body?.ToJsonString());
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Body!["status"]!.GetValue<int>().ShouldBe((int)status);
        answer.Body.ToJsonString().Length.ShouldBeLessThan(20_000, "a refusal does not echo a huge input");
        return answer.Body["errors"]?.AsObject() ?? [];
    }

    public sealed record Answer(HttpStatusCode Status, string? MediaType, JsonNode? Body);
}
