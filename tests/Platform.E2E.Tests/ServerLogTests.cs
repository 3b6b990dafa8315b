using System.Net;
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
}
