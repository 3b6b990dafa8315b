using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Bad input gets a 4xx problem+json, never a 500, and writes nothing.</summary>
public abstract class BadInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    public static TheoryData<string, string> BadMemberBodies => new()
    {
        { "malformed JSON", """{"email": "a@example.com", "role": """ },
        { "wrong type", """{"email": 42, "role": "Member"}""" },
        { "unknown enum value", """{"email": "a@example.com", "role": "Emperor"}""" },
        { "enum as a number", """{"email": "a@example.com", "role": 4}""" },
        { "not an object", """["a@example.com"]""" },
        { "empty body", "" },
    };

    [Theory]
    [MemberData(nameof(BadMemberBodies))]
    public async Task ABadBodyGetsAProblemAndWritesNothing(string why, string body)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        using var response = await SendAsync(owner, HttpMethod.Post, $"api/workspaces/{workspace.Id}/members", body, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, why);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", why);
        (await owner.ListMembersAsync(workspace.Id, ct: ct)).Items.Count.ShouldBe(1, why);
    }

    [Fact]
    public async Task AnOversizedBodyGets413()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewOwnerAsync();
        var before = (await owner.ListWorkspacesAsync(ct: ct)).Items.Count;
        var huge = $$"""{"name": "{{new string('x', 300 * 1024)}}"}""";
        using var response = await SendAsync(owner, HttpMethod.Post, "api/workspaces", huge, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await owner.ListWorkspacesAsync(ct: ct)).Items.Count.ShouldBe(before);
    }

    [Theory]
    [InlineData("tab\tinside")]
    [InlineData("null\0char")]
    [InlineData("line\nbreak")]
    public async Task ControlCharactersInNamesAreRefused(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewOwnerAsync();
        var error = await owner.CreateWorkspaceAsync(new CreateWorkspaceRequest(name), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["name"].ShouldBe(["Name must not contain control characters."]);
        (await owner.ListWorkspacesAsync(ct: ct)).Items.Count.ShouldBe(1);
    }

    /// <summary>
    /// HttpClient removes dot segments before sending (../../etc/passwd would arrive as /etc/passwd), so the
    /// request is handed to the test server as a context whose path is exactly the attacker's.
    /// </summary>
    [Theory]
    [InlineData("/api/workspaces/../../etc/passwd")]
    [InlineData("/api/workspaces/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/workspaces/..%2f..%2fetc%2fpasswd/members")]
    public async Task DotSegmentsInARouteReachTheApiAndAre404(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewOwnerAsync();
        var token = (await owner.CreateTokenAsync(new CreateApiTokenRequest("raw", 1), ct)).Secret;
        var context = await app.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = PathString.FromUriComponent(path);
            http.Request.Headers.Authorization = $"Bearer {token}";
        }, ct);
        context.Request.Path.Value!.ShouldContain("..");
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(ct);
        context.Response.StatusCode.ShouldBe(404, body);
        context.Response.ContentType.ShouldBe("application/problem+json");
        body.ShouldContain("There is no such API endpoint.");
    }

    [Fact]
    public async Task ARouteIdThatIsNotAGuidIs404()
    {
        var (owner, _) = await app.NewOwnerAsync();
        using var notGuid = await owner.Http.GetAsync("api/workspaces/not-a-guid/members", TestContext.Current.CancellationToken);
        notGuid.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notGuid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static Task<HttpResponseMessage> SendAsync(PlatformClient client, HttpMethod method, string url, string body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(PlatformClient.CsrfHeader, "1");
        return client.Http.SendAsync(request, ct);
    }
}
