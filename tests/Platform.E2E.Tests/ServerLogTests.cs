using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>The real server process, started outside its own folder as the README does: what its console shows.</summary>
public sealed class ServerLogTests
{
    [Fact]
    public async Task TheConsoleShowsNoTokensNoRequestUrlsAndNoSqlCommands()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct);
        var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new PlatformClient(new HttpClient(handler) { BaseAddress = server.Address });
        await client.CreateFirstAdminAsync(new CreateFirstAdminRequest("admin@example.com", "correct-horse-7", "Admin"), ct);
        var token = await client.CreateTokenAsync(new CreateApiTokenRequest("console", 1), ct);
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest("Logs"), ct);

        // Browsers' WebSockets cannot send headers, so SignalR puts the token in the URL; it must not reach the log.
        await using (var live = new LiveEventsClient(server.Address, o =>
        {
            o.Transports = HttpTransportType.LongPolling | HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token.Secret);
        }))
        {
            await live.StartAsync(ct);
            await live.JoinWorkspaceAsync(workspace.Id, ct);
        }
        using var http = new HttpClient { BaseAddress = server.Address };
        (await http.GetAsync($"hubs/events/negotiate?negotiateVersion=1&access_token={token.Secret}", ct)).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError);
        await client.AddMemberAsync(workspace.Id, new AddMemberRequest("nobody@example.com", WorkspaceRole.Member), ct)
            .ContinueWith(_ => { }, ct); // a user error: a 400 answer, not a logged failure

        var output = server.Output;
        output.ShouldNotContain(token.Secret);
        output.ShouldNotContain(token.Secret[..12]);
        output.ShouldNotContain("access_token");
        output.ShouldNotContain("Executed DbCommand");
        output.ShouldNotContain("Request starting");
        output.ShouldNotContain("fail:");
        output.ShouldContain("Platform is running");
    }

    [Fact]
    public async Task JsonLogsWriteOneLinePerRequestWithItsCorrelationId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string> { ["Platform__Logging__Format"] = "json" });
        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.GetAsync("api/workspaces?access_token=plat_secret", ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var id = response.Headers.GetValues("X-Correlation-Id").Single();

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!server.Output.Contains(id) && DateTime.UtcNow < deadline) await Task.Delay(100, ct);
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line is JSON
        entries.ShouldContain(e => e.GetProperty("Category").GetString() == "Platform.Server" && e.GetProperty("Message").GetString()!.Contains("roles api,web,worker,serving"));
        var request = entries.Single(e => e.GetProperty("Category").GetString() == "Platform.Requests" && e.GetProperty("Message").GetString()!.Contains(id));
        request.GetProperty("State").GetProperty("Path").GetString().ShouldBe("/api/workspaces");
        request.GetProperty("State").GetProperty("Status").GetInt32().ShouldBe(401);
        server.Output.ShouldNotContain("plat_secret");
    }
}
