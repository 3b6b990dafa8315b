using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Every endpoint under /api/workspaces/{workspaceId}, found by enumerating the route table, hides a workspace from non-members.</summary>
public abstract class StrangerTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task EveryWorkspaceEndpointAnswers404ToAStranger()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (stranger, _) = await app.NewUserAsync("stranger");
        await stranger.CreateWorkspaceAsync(new CreateWorkspaceRequest("Stranger's own"), ct);
        var operation = await owner.StartSystemCheckAsync(workspace.Id, ct);
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(perClass: 2), "s.zip", ct);
        var item = (await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, limit: 1, ct: ct)).Items[0];
        var upload = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("a.zip", 10), ct);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/workspaces/{workspaceId", StringComparison.Ordinal) == true)
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(10);

        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = Fill(endpoint.RoutePattern.RawText!, workspace.Id, operation.Id, dataset.Id, item.Id, upload.Id);
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
                request.Headers.Add(PlatformClient.CsrfHeader, "1");
                if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await stranger.Http.SendAsync(request, ct);
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}");
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{method} {path}");
                checkedCount++;
            }
        }
        checkedCount.ShouldBe(endpoints.Sum(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Count ?? 1));
        (await owner.GetWorkspaceAsync(workspace.Id, ct)).Name.ShouldBe(workspace.Name);
        (await owner.ListMembersAsync(workspace.Id, ct: ct)).Items.Count.ShouldBe(1);
    }

    /// <summary>Replaces route parameters with the owner's real ids, so only membership decides the answer.</summary>
    private static string Fill(string pattern, Guid workspaceId, Guid operationId, Guid datasetId, Guid itemId, Guid uploadId)
    {
        var path = pattern.Replace("{workspaceId:guid}", workspaceId.ToString())
            .Replace("{datasetId:guid}", datasetId.ToString())
            .Replace("{number:int}", "1")
            .Replace("{itemId:guid}", itemId.ToString());
        if (path.Contains("/uploads/")) path = path.Replace("{id:guid}", uploadId.ToString()) + "?offset=0";
        if (path.Contains("/datasets/")) path = path.Replace("{id:guid}", datasetId.ToString());
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", operationId.ToString());
    }
}
