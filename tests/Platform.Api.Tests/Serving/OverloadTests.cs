using System.Net;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Serving;

/// <summary>An endpoint whose queue is full answers 503 with Retry-After at once: no timeouts, no 500s, and the others are answered.</summary>
public sealed class OverloadTests(SmallQueueServingApp app) : IClassFixture<SmallQueueServingApp>
{
    [Fact]
    public async Task AFullQueueAnswers503WithRetryAfterAndEveryOtherRequestIsAnswered()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (_, _, version) = await Registry.RegisteredShapes.RegisterAsync(owner, ws, "shapes", ct);
        var endpoint = await owner.CreateEndpointAsync(ws, new CreateEndpointRequest("busy", version.ModelId, MaxBatchSize: 1, MaxWaitMilliseconds: 0), ct);
        await owner.ForServingAsync(ws, endpoint.Id, 1, ct);
        var key = await owner.CreateEndpointKeyAsync(ws, endpoint.Id, new CreateEndpointKeyRequest("load"), ct);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
        var image = Convert.ToBase64String(DatasetFixtures.Png(64, 64));
        var body = new { instances = Enumerable.Repeat(image, SmallQueueServingApp.QueuedInstances).ToArray() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            using var response = await http.PostAsync(endpoint.PredictPath, System.Net.Http.Json.JsonContent.Create(body), ct);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Type: response.Content.Headers.ContentType?.MediaType);
        }, ct)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.ServiceUnavailable);
        answers.ShouldContain(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.ShouldNotBeEmpty();
        refused.ShouldAllBe(a => a.RetryAfter == TimeSpan.FromSeconds(1) && a.Type == "application/problem+json");

        var metrics = await owner.GetEndpointMetricsAsync(ws, endpoint.Id, 60, ct);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); metrics.Requests < 40 && DateTime.UtcNow < deadline; await Task.Delay(100, ct))
            metrics = await owner.GetEndpointMetricsAsync(ws, endpoint.Id, 60, ct);
        (metrics.Requests, metrics.FailuresByKind.GetValueOrDefault("busy")).ShouldBe((40L, (long)refused.Count));
    }
}

/// <summary>Every role, on SQLite, with an endpoint queue that holds one request's instances.</summary>
public sealed class SmallQueueServingApp() : PlatformApp(DatabaseProvider.Sqlite, "api,worker,serving")
{
    public const int QueuedInstances = 8;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Platform:Serving:MaxQueuedInstances", QueuedInstances.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
