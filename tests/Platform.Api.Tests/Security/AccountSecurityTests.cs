using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Security;

/// <summary>Hostile cases against accounts: audit history, sessions, enumeration, the first-administrator race.</summary>
public abstract class AccountSecurityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AWorkspaceAuditLogShowsNoAccountHistoryOfItsMembers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (victim, victimUser) = await app.NewUserAsync("victim");
        await victim.CreateTokenAsync(new CreateApiTokenRequest("victim-secret-token", 5), ct);
        // An owner can add any account by email; that must not reveal the account's sign-ins and tokens.
        await owner.AddMemberAsync(workspace.Id, new AddMemberRequest(victimUser.Email, WorkspaceRole.Viewer), ct);
        var audit = (await owner.ListAuditAsync(workspace.Id, ct: ct)).Items;
        audit.ShouldNotContain(a => a.Action == "auth.sign-in" || a.Action == "token.created");
        audit.ShouldAllBe(a => a.Action.StartsWith("member.") || a.Action.StartsWith("workspace."));
        audit.ShouldContain(a => a.Action == "member.invited" && a.Target == victimUser.Email);
    }

    [Fact]
    public async Task ACopiedSessionCookieStopsWorkingAfterSignOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, user) = await app.NewUserAsync("session");
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        raw.DefaultRequestHeaders.Add(PlatformClient.CsrfHeader, "1");
        var signIn = await raw.PostAsJsonAsync("api/auth/sign-in", new SignInRequest(user.Email, PlatformApp.Password), PlatformClient.Json, ct);
        signIn.EnsureSuccessStatusCode();
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("platform.auth=")).Split(';')[0];
        var session = new PlatformClient(WithCookie(cookie));
        (await session.GetMeAsync(ct)).Email.ShouldBe(user.Email);

        await session.SignOutAsync(ct);
        // The same cookie, replayed by whoever copied it, is no longer a session.
        await new PlatformClient(WithCookie(cookie)).GetMeAsync(ct).ShouldFailWith(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangingThePasswordEndsOtherSessionsButNotThisOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, user) = await app.NewUserAsync("password");
        var other = app.NewClient();
        await other.SignInAsync(new SignInRequest(user.Email, PlatformApp.Password), ct);

        var wrong = await client.ChangePasswordAsync(new ChangePasswordRequest("not-it-123", "new-password-9"), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        wrong.Problem!.Errors!.Keys.ShouldBe(["currentPassword"]);
        await client.ChangePasswordAsync(new ChangePasswordRequest(PlatformApp.Password, "new-password-9"), ct);

        (await client.GetMeAsync(ct)).Email.ShouldBe(user.Email);
        await other.GetMeAsync(ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        await app.NewClient().SignInAsync(new SignInRequest(user.Email, PlatformApp.Password), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        await app.NewClient().SignInAsync(new SignInRequest(user.Email, "new-password-9"), ct);
    }

    [Fact]
    public async Task AnUnknownEmailGetsTheSameAnswersAsAWrongPasswordIncludingTheLockout()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, user) = await app.NewUserAsync("real");
        var unknown = $"ghost-{Guid.NewGuid():N}@example.com";
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var real = await app.NewClient().SignInAsync(new SignInRequest(user.Email, "wrong-password-1"), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
            var ghost = await app.NewClient().SignInAsync(new SignInRequest(unknown, "wrong-password-1"), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
            (ghost.Problem!.Title, ghost.Problem.Detail).ShouldBe((real.Problem!.Title, real.Problem.Detail), $"attempt {attempt}");
        }
    }

    [Fact]
    public async Task AnUnknownEmailTakesAsLongAsAWrongPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, user) = await app.NewUserAsync("timing");
        var known = TimeSpan.Zero;
        var unknown = TimeSpan.Zero;
        // Interleaved and summed, below the lockout: the hash work dominates (tens of ms), not the machine's noise.
        for (var i = 0; i < 4; i++)
        {
            known += await TimeAsync(() => app.NewClient().SignInAsync(new SignInRequest(user.Email, $"wrong-password-{i}"), ct));
            unknown += await TimeAsync(() => app.NewClient().SignInAsync(new SignInRequest($"nobody-{i}-{Guid.NewGuid():N}@example.com", "wrong-password-1"), ct));
        }
        // Before the fix an unknown email answered about 15 times faster.
        (unknown.TotalMilliseconds / known.TotalMilliseconds).ShouldBeGreaterThan(0.4, $"known {known.TotalMilliseconds:0} ms, unknown {unknown.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ConcurrentFirstAdministratorRequestsCreateExactlyOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fresh = new PlatformApp(app.Provider);
        await fresh.InitializeAsync();
        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await fresh.NewClient().CreateFirstAdminAsync(new CreateFirstAdminRequest($"admin{i}@example.com", PlatformApp.Password, $"Admin {i}"), ct);
                return true;
            }
            catch (PlatformApiException e) when (e.Status == HttpStatusCode.Conflict) { return false; }
        });
        (await Task.WhenAll(attempts)).Count(created => created).ShouldBe(1);
        var users = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try { await fresh.NewClient().SignInAsync(new SignInRequest($"admin{i}@example.com", PlatformApp.Password), ct); return 1; }
            catch (PlatformApiException) { return 0; }
        }));
        users.Sum().ShouldBe(1);
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        try { await action(); } catch (PlatformApiException) { }
        return watch.Elapsed;
    }

    private HttpClient WithCookie(string cookie)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return http;
    }
}
