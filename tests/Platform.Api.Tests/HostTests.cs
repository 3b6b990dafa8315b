using System.Net;
using System.Net.Http.Json;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class HostTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    [InlineData("openapi/v1.json")]
    [InlineData("scalar/")]
    public async Task PublicEndpointsAnswer(string path)
    {
        using var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheWorkspaceRoutes()
    {
        var document = await app.CreateClient().GetStringAsync("openapi/v1.json", TestContext.Current.CancellationToken);
        document.ShouldContain("/api/workspaces/{workspaceId}/members");
        document.ShouldContain("/api/tokens");
    }

    [Fact]
    public async Task TheJobDashboardIsForAdministratorsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, _) = await app.NewUserAsync("curious");
        using var refused = await user.Http.GetAsync("hangfire", ct);
        refused.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        var admin = await app.AdminAsync();
        using var allowed = await admin.Http.GetAsync("hangfire", ct);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownApiPathIsAProblem404()
    {
        var admin = await app.AdminAsync();
        using var response = await admin.Http.GetAsync("api/does-not-exist", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
