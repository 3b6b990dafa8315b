using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Admin;

/// <summary>Inviting, disabling, promoting and resetting accounts, and the guards around the last administrator.</summary>
public abstract class AdminUserTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AnInvitedPersonSignsInWithTheTemporaryPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var email = $"invitee-{Guid.NewGuid():N}@example.com";
        var invited = await admin.InviteUserAsync(new InviteUserRequest(email, "Ivy"), ct);
        invited.User.Email.ShouldBe(email);
        invited.User.IsAdmin.ShouldBeFalse();
        invited.TemporaryPassword.Length.ShouldBeGreaterThanOrEqualTo(12);

        var person = app.NewClient();
        (await person.SignInAsync(new SignInRequest(email, invited.TemporaryPassword), ct)).Email.ShouldBe(email);
        await admin.InviteUserAsync(new InviteUserRequest(email, null), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var audit = await admin.ListAllAuditAsync(limit: 100, ct: ct);
        audit.Items.ShouldContain(a => a.Action == "user.created" && a.Target == email);
    }

    [Fact]
    public async Task DisablingEndsSessionsAndTokensAtOnceAndRefusesSignIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var (person, user) = await app.NewUserAsync("leaver");
        var token = await person.CreateTokenAsync(new CreateApiTokenRequest("script", 30), ct);
        var script = app.NewClient();
        script.UseToken(token.Secret);
        (await script.GetMeAsync(ct)).Id.ShouldBe(user.Id);

        var disabled = await admin.DisableUserAsync(user.Id, ct);
        disabled.IsDisabled.ShouldBeTrue();
        await person.GetMeAsync(ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        await script.GetMeAsync(ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        var refused = await app.NewClient().SignInAsync(new SignInRequest(user.Email, PlatformApp.Password), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        refused.Problem!.Title.ShouldBe("Account disabled.");
        var wrong = await app.NewClient().SignInAsync(new SignInRequest(user.Email, "wrong-password-1"), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        wrong.Problem!.Title.ShouldBe("Sign-in failed.");
        await admin.DisableUserAsync(user.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);

        (await admin.EnableUserAsync(user.Id, ct)).IsDisabled.ShouldBeFalse();
        var again = app.NewClient();
        (await again.SignInAsync(new SignInRequest(user.Email, PlatformApp.Password), ct)).Id.ShouldBe(user.Id);
        var actions = (await admin.ListAllAuditAsync(limit: 100, ct: ct)).Items.Where(a => a.Target == user.Email).Select(a => a.Action).ToList();
        actions.ShouldContain("user.disabled");
        actions.ShouldContain("user.enabled");
    }

    [Fact]
    public async Task AMadeAdminReachesTheAdminApiAndLosesItWhenRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var (person, user) = await app.NewUserAsync("promoted");
        await person.ListAdminUsersAsync(ct: ct).ShouldFailWith(HttpStatusCode.Forbidden);

        (await admin.SetAdminAsync(user.Id, true, ct)).IsAdmin.ShouldBeTrue();
        (await person.ListAdminUsersAsync(ct: ct)).Items.ShouldContain(u => u.Id == user.Id && u.IsAdmin);
        await person.SetAdminAsync(user.Id, false, ct).ShouldFailWith(HttpStatusCode.Conflict);
        await person.DisableUserAsync(user.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
        await admin.SetAdminAsync(user.Id, true, ct).ShouldFailWith(HttpStatusCode.Conflict);

        (await admin.SetAdminAsync(user.Id, false, ct)).IsAdmin.ShouldBeFalse();
        await person.ListAdminUsersAsync(ct: ct).ShouldFailWith(HttpStatusCode.Forbidden);
        var actions = (await admin.ListAllAuditAsync(limit: 100, ct: ct)).Items.Where(a => a.Target == user.Email).Select(a => a.Action).ToList();
        actions.ShouldContain("user.made-admin");
        actions.ShouldContain("user.admin-removed");
    }

    [Fact]
    public async Task AnAdminCannotDisableThemselvesOrDropTheirOwnRight()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var me = await admin.GetMeAsync(ct);
        (await admin.DisableUserAsync(me.Id, ct).ShouldFailWith(HttpStatusCode.Conflict)).Problem!.Detail!.ShouldContain("your own account");
        await admin.SetAdminAsync(me.Id, false, ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await admin.GetMeAsync(ct)).IsAdmin.ShouldBeTrue();
    }

    [Fact]
    public async Task TwoAdministratorsDemotingEachOtherAtOnceLeaveOneOfThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var (first, firstUser) = await app.NewUserAsync("rival-a");
        var (second, secondUser) = await app.NewUserAsync("rival-b");
        await admin.SetAdminAsync(firstUser.Id, true, ct);
        await admin.SetAdminAsync(secondUser.Id, true, ct);

        var results = await Task.WhenAll(
            Outcome(first.SetAdminAsync(secondUser.Id, false, ct)),
            Outcome(second.SetAdminAsync(firstUser.Id, false, ct)));
        results.Count(r => r == HttpStatusCode.OK).ShouldBe(1);
        results.Count(r => r == HttpStatusCode.Forbidden).ShouldBe(1);
        var users = (await admin.ListAdminUsersAsync(limit: 500, ct: ct)).Items;
        users.Count(u => (u.Id == firstUser.Id || u.Id == secondUser.Id) && u.IsAdmin).ShouldBe(1);
    }

    private static async Task<HttpStatusCode> Outcome(Task task)
    {
        try { await task; return HttpStatusCode.OK; }
        catch (PlatformApiException ex) { return ex.Status; }
    }

    [Fact]
    public async Task ResettingAPasswordEndsSessionsAndTheNewOneWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var (person, user) = await app.NewUserAsync("forgetful");
        var reset = await admin.ResetPasswordAsync(user.Id, ct);
        await person.GetMeAsync(ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        await app.NewClient().SignInAsync(new SignInRequest(user.Email, PlatformApp.Password), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        (await app.NewClient().SignInAsync(new SignInRequest(user.Email, reset.TemporaryPassword), ct)).Id.ShouldBe(user.Id);
        (await admin.ListAllAuditAsync(limit: 100, ct: ct)).Items.ShouldContain(a => a.Action == "user.password-reset" && a.Target == user.Email);
    }

    [Fact]
    public async Task OthersAndBadInputGetProblemsNotErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var (person, user) = await app.NewUserAsync("nosy");
        await person.DisableUserAsync(user.Id, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await person.InviteUserAsync(new InviteUserRequest("x@example.com", null), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await person.ResetPasswordAsync(user.Id, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await app.NewClient().ListAdminUsersAsync(ct: ct).ShouldFailWith(HttpStatusCode.Unauthorized);

        await admin.DisableUserAsync(Guid.NewGuid(), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await admin.SetAdminAsync(Guid.NewGuid(), true, ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await admin.InviteUserAsync(new InviteUserRequest("not an email", null), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .Problem!.Errors!.ShouldContainKey("email");
        await admin.ListAdminUsersAsync("garbage", ct: ct).ShouldFailWith(HttpStatusCode.BadRequest);
        using var empty = await admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/admin/users/{user.Id}/admin")
        {
            Headers = { { PlatformClient.CsrfHeader, "1" } },
            Content = new StringContent("{\"isAdmin\":\"yes\"}", System.Text.Encoding.UTF8, "application/json"),
        }, ct);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        empty.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task UsersPageByKeyset()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        for (var i = 0; i < 3; i++) await app.NewUserAsync("paged");
        var first = await admin.ListAdminUsersAsync(limit: 2, ct: ct);
        first.Items.Count.ShouldBe(2);
        var second = await admin.ListAdminUsersAsync(first.NextCursor, 2, ct);
        second.Items.ShouldNotBeEmpty();
        second.Items.Select(u => u.Id).Intersect(first.Items.Select(u => u.Id)).ShouldBeEmpty();
    }
}
