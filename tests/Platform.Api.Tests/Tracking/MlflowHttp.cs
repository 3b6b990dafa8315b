using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;

namespace Platform.Api.Tests.Tracking;

/// <summary>Talks to the MLflow routes the way MLflow's Python client does: raw JSON, Authorization: Bearer.</summary>
public sealed class MlflowHttp(HttpClient http)
{
    public const string Base = "/api/2.0/mlflow/";

    public static async Task<MlflowHttp> ForWorkspaceAsync(PlatformApp app, PlatformClient owner, Guid? workspaceId, CancellationToken ct)
    {
        var token = await owner.CreateTokenAsync(new CreateApiTokenRequest("mlflow", 7, workspaceId), ct);
        return WithToken(app, token.Secret);
    }

    public static MlflowHttp WithToken(PlatformApp app, string? secret)
    {
        var client = app.CreateClient();
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new MlflowHttp(client);
    }

    public HttpClient Http => http;

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string route, object body, CancellationToken ct) =>
        PostRawAsync(route, JsonSerializer.Serialize(body), ct);

    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(string route, string json, CancellationToken ct)
    {
        using var response = await http.PostAsync(Base + route, new StringContent(json, Encoding.UTF8, "application/json"), ct);
        return (response.StatusCode, await ReadAsync(response, ct));
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string routeAndQuery, CancellationToken ct)
    {
        using var response = await http.GetAsync(Base + routeAndQuery, ct);
        return (response.StatusCode, await ReadAsync(response, ct));
    }

    /// <summary>A call that must succeed; returns its JSON.</summary>
    public async Task<JsonNode> OkAsync(string route, object body, CancellationToken ct)
    {
        var (status, json) = await PostAsync(route, body, ct);
        status.ShouldBe(HttpStatusCode.OK, json?.ToJsonString());
        return json!;
    }

    public async Task<JsonNode> OkGetAsync(string routeAndQuery, CancellationToken ct)
    {
        var (status, json) = await GetAsync(routeAndQuery, ct);
        status.ShouldBe(HttpStatusCode.OK, json?.ToJsonString());
        return json!;
    }

    public async Task<string> CreateExperimentAsync(string name, CancellationToken ct) =>
        (await OkAsync("experiments/create", new { name }, ct))["experiment_id"]!.GetValue<string>();

    public async Task<string> CreateRunAsync(string experimentId, CancellationToken ct, string? name = null) =>
        (await OkAsync("runs/create", new { experiment_id = experimentId, run_name = name, start_time = 1_700_000_000_000L }, ct))["run"]!["info"]!["run_id"]!.GetValue<string>();

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}

public static class MlflowAssertions
{
    /// <summary>An MLflow error: the HTTP status and exactly {"error_code", "message"}.</summary>
    public static void ShouldBeMlflowError(this (HttpStatusCode Status, JsonNode? Body) response, HttpStatusCode status, string errorCode)
    {
        response.Status.ShouldBe(status, response.Body?.ToJsonString());
        var body = response.Body.ShouldBeOfType<JsonObject>();
        body["error_code"]!.GetValue<string>().ShouldBe(errorCode);
        body["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        body.Count.ShouldBe(2, body.ToJsonString());
    }
}
