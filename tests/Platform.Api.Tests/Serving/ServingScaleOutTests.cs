using System.Net;
using Platform.Api.Tests.Training;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;
using static Platform.Api.Tests.Serving.EndpointWaits;

namespace Platform.Api.Tests.Serving;

/// <summary>
/// Production shape on PostgreSQL: the API and a worker in this process, two separate processes with only the serving
/// role. Both load a deployed endpoint, both follow it to another version, and both stop answering once it is deleted.
/// </summary>
public sealed class ServingScaleOutTests
{
    [Fact]
    public async Task TwoServingProcessesAnswerTheSameEndpointAndFollowItsChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("platform-serving-").FullName;
        await using var database = await PostgresDatabase.CreateAsync(ct);
        try
        {
            await using var api = new PlatformApp(DatabaseProvider.Postgres, "api,worker", Path.Combine(folder, "api"), database);
            await api.InitializeAsync();
            var admin = await api.AdminAsync();
            var objects = Path.Combine(folder, "api", "objects");
            var settings = new Dictionary<string, string>();
            await using var first = await WorkerProcess.StartAsync("serving-1", Path.Combine(folder, "s1"), database.ConnectionString, objects, settings, ct, "serving");
            await using var second = await WorkerProcess.StartAsync("serving-2", Path.Combine(folder, "s2"), database.ConnectionString, objects, settings, ct, "serving");

            var ws = (await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Scale out"), ct)).Id;
            var (_, run, v1) = await Registry.RegisteredShapes.RegisterAsync(admin, ws, "shapes", ct);
            await admin.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, "shapes"), ct);
            var endpoint = await admin.CreateEndpointAsync(ws, new CreateEndpointRequest("shapes", v1.ModelId, Version: 1), ct);
            var key = await admin.CreateEndpointKeyAsync(ws, endpoint.Id, new CreateEndpointKeyRequest("app"), ct);
            var body = new { instances = new[] { Convert.ToBase64String(DatasetFixtures.Png(64, 64)) } };

            // The api process has no serving role: it says so rather than answering.
            using (var apiOnly = api.CreateClient())
            {
                apiOnly.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
                (await PostAsync(apiOnly, endpoint.PredictPath, body, ct)).Status.ShouldBe(HttpStatusCode.NotFound);
            }
            foreach (var process in new[] { first, second })
            {
                using var http = new HttpClient { BaseAddress = process.Address };
                http.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
                (await UntilAsync(http, endpoint.PredictPath, body, a => a.Answer?.Version == 1, ct)).Status.ShouldBe(HttpStatusCode.OK);
            }

            await admin.UpdateEndpointAsync(ws, endpoint.Id, new UpdateEndpointRequest(Version: 2), ct);
            foreach (var process in new[] { first, second })
            {
                using var http = new HttpClient { BaseAddress = process.Address };
                http.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
                (await UntilAsync(http, endpoint.PredictPath, body, a => a.Answer?.Version == 2, ct)).Answer!.Version.ShouldBe(2);
            }

            await admin.DeleteEndpointAsync(ws, endpoint.Id, ct);
            foreach (var process in new[] { first, second })
            {
                using var http = new HttpClient { BaseAddress = process.Address };
                http.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
                (await UntilAsync(http, endpoint.PredictPath, body, a => a.Status != HttpStatusCode.OK, ct)).Status.ShouldBe(HttpStatusCode.Unauthorized);
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Calls until the answer satisfies <paramref name="done"/> (a serving process follows changes within seconds).</summary>
    private static async Task<(HttpStatusCode Status, string Body, PredictResponse? Answer)> UntilAsync(HttpClient http, string path, object body,
        Func<(HttpStatusCode Status, string Body, PredictResponse? Answer), bool> done, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var answer = await PostAsync(http, path, body, ct);
            if (done(answer) || DateTime.UtcNow > deadline) return answer;
            await Task.Delay(100, ct);
        }
    }
}
