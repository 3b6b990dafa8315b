using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Every error says what went wrong as problem+json with a useful detail, on the api and web roles together.</summary>
public abstract class ErrorResponseTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AWrongContentTypeOnAKnownRouteIs415NamingTheExpectedType()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewOwnerAsync();
        var problem = await SendAsync(owner, HttpMethod.Post, "api/workspaces", new StringContent("name=Plain", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, ct);
        problem.Detail!.ShouldContain("application/json");
        problem.Detail!.ShouldContain("text/plain");
    }

    [Fact]
    public async Task AWrongMethodOnAKnownRouteIs405WithAnAllowHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        using var request = Request(HttpMethod.Patch, $"api/workspaces/{workspace.Id}", JsonContent.Create(new { name = "Patched" }));
        using var response = await owner.Http.SendAsync(request, ct);
        var problem = await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, ct);
        response.Content.Headers.Allow.ShouldBe(["GET", "PUT"], ignoreOrder: true);
        problem.Detail!.ShouldContain("PATCH");
        (await owner.GetWorkspaceAsync(workspace.Id, ct)).Name.ShouldBe(workspace.Name);
    }

    [Fact]
    public async Task AnUnknownApiPathIsA404Problem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        using var unknown = await owner.Http.GetAsync("api/no-such-thing", ct);
        (await ProblemAsync(unknown, HttpStatusCode.NotFound, ct)).Detail.ShouldBe("There is no such API endpoint.");
        using var notAGuid = await owner.Http.GetAsync($"api/workspaces/{workspace.Id}/datasets/not-a-guid", ct);
        (await ProblemAsync(notAGuid, HttpStatusCode.NotFound, ct)).Detail.ShouldBe("There is no such API endpoint.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""{"name": """)]
    public async Task AnEmptyOrMalformedJsonBodyIsA400ThatSaysSo(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewOwnerAsync();
        var problem = await SendAsync(owner, HttpMethod.Post, "api/workspaces", new StringContent(body, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, ct);
        problem.Detail!.ShouldStartWith("The request body is missing or is not valid JSON: ");
        problem.Detail!.ShouldNotContain("Implicit body");
        (await owner.ListWorkspacesAsync(ct: ct)).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task NotSignedInIs401WithADetail()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = await app.NewClient().Http.GetAsync("api/workspaces", ct);
        (await ProblemAsync(anonymous, HttpStatusCode.Unauthorized, ct)).Detail!.ShouldContain("Sign in or send a bearer token");

        var badToken = app.NewClient();
        badToken.UseToken("plt_not-a-real-token");
        using var refused = await badToken.Http.GetAsync("api/workspaces", ct);
        (await ProblemAsync(refused, HttpStatusCode.Unauthorized, ct)).Detail!.ShouldContain("Sign in or send a bearer token");
    }

    [Fact]
    public async Task AnAdminOnlyEndpointIs403WithADetailForOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, _) = await app.NewUserAsync("not-admin");
        using var response = await user.Http.GetAsync("api/users", ct);
        (await ProblemAsync(response, HttpStatusCode.Forbidden, ct)).Detail!.ShouldStartWith("Only administrators can");
    }

    [Theory]
    [InlineData("99")]
    [InlineData("TextClassification")]
    public async Task ASampleOfAKindWithoutOneIsAValidationProblem(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var problem = await SendAsync(owner, HttpMethod.Post, $"api/workspaces/{workspace.Id}/datasets/sample?kind={kind}", null, HttpStatusCode.BadRequest, ct);
        var message = problem.Errors!["kind"].ShouldHaveSingleItem();
        message.ShouldContain("ImageClassification, ObjectDetection, Table");
        (await owner.ListOperationsAsync(workspace.Id, ct: ct)).Items.ShouldBeEmpty();
        (await owner.AddSampleDatasetAsync(workspace.Id, DatasetKind.Table, ct)).Kind.ShouldBe("import-dataset");
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(PlatformClient.CsrfHeader, "1");
        return request;
    }

    private static async Task<ProblemDto> SendAsync(PlatformClient client, HttpMethod method, string url, HttpContent? content, HttpStatusCode status, CancellationToken ct)
    {
        using var request = Request(method, url, content);
        using var response = await client.Http.SendAsync(request, ct);
        return await ProblemAsync(response, status, ct);
    }

    private static async Task<ProblemDto> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemDto>(text, PlatformClient.Json)!;
    }
}
