using System.Net.Http.Json;
using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class SignInTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AFreshInstallAsksForTheFirstAdministratorOnlyOnce()
    {
        var anonymous = app.NewClient();
        var admin = await app.AdminAsync();
        (await anonymous.GetSetupStatusAsync(TestContext.Current.CancellationToken)).NeedsFirstAdmin.ShouldBeFalse();
        (await admin.GetMeAsync(TestContext.Current.CancellationToken)).IsAdmin.ShouldBeTrue();
        await app.NewClient().CreateFirstAdminAsync(new CreateFirstAdminRequest("second@example.com", "another-pass-1", null))
            .ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnonymousCallersGet401()
    {
        await app.NewClient().GetMeAsync(TestContext.Current.CancellationToken).ShouldFailWith(HttpStatusCode.Unauthorized);
        await app.NewClient().ListWorkspacesAsync(ct: TestContext.Current.CancellationToken).ShouldFailWith(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndAudited()
    {
        var (_, user) = await app.NewUserAsync("wrong");
        var error = await app.NewClient().SignInAsync(new SignInRequest(user.Email, "not-the-password-1"))
            .ShouldFailWith(HttpStatusCode.Unauthorized);
        error.Problem!.Detail.ShouldBe("The email or password is not correct.");
        var admin = await app.AdminAsync();
        var audit = await admin.Http.GetFromJsonAsync<Page<AuditEventDto>>("api/audit?limit=200", PlatformClient.Json, TestContext.Current.CancellationToken);
        audit!.Items.ShouldContain(a => a.Action == "auth.sign-in-failed" && a.ActorEmail == user.Email);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var (_, user) = await app.NewUserAsync("locked");
        for (var i = 0; i < 5; i++)
            await app.NewClient().SignInAsync(new SignInRequest(user.Email, "bad-password-1")).ShouldFailWith(HttpStatusCode.Unauthorized);
        var error = await app.NewClient().SignInAsync(new SignInRequest(user.Email, PlatformApp.Password)).ShouldFailWith(HttpStatusCode.Unauthorized);
        error.Problem!.Title.ShouldBe("Account locked.");
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var (client, _) = await app.NewUserAsync("leaver");
        await client.SignOutAsync(TestContext.Current.CancellationToken);
        await client.GetMeAsync(TestContext.Current.CancellationToken).ShouldFailWith(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ACookieRequestWithoutTheAntiForgeryHeaderIsRefused()
    {
        var (client, _) = await app.NewUserAsync("csrf");
        using var response = await client.Http.PostAsJsonAsync("api/workspaces", new { name = "forged" }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.ListWorkspacesAsync(ct: TestContext.Current.CancellationToken)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAccountIsCreatedOnlyOncePerEmail()
    {
        var admin = await app.AdminAsync();
        var (_, user) = await app.NewUserAsync("unique");
        var error = await admin.RegisterUserAsync(new RegisterUserRequest(user.Email, "another-pass-2", null)).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["email"].ShouldBe(["An account with this email already exists."]);
    }

    [Fact]
    public async Task OnlyAdministratorsCreateAccounts()
    {
        var (client, _) = await app.NewUserAsync("plain");
        await client.RegisterUserAsync(new RegisterUserRequest("x@example.com", "password-123", null)).ShouldFailWith(HttpStatusCode.Forbidden);
        var admin = await app.AdminAsync();
        var error = await admin.RegisterUserAsync(new RegisterUserRequest("not-an-email", "short", null)).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.Keys.ShouldBe(["email", "password"], ignoreOrder: true);
    }
}

public sealed class AdminFromConfigurationTests
{
    [Fact]
    public async Task AnAutomatedInstallCreatesTheAdministratorFromConfiguration()
    {
        await using var app = new ConfiguredAdminApp();
        await app.InitializeAsync();
        var client = app.NewClient();
        (await client.GetSetupStatusAsync()).NeedsFirstAdmin.ShouldBeFalse();
        var me = await client.SignInAsync(new SignInRequest("ops@example.com", "from-config-9"));
        me.IsAdmin.ShouldBeTrue();
    }

    private sealed class ConfiguredAdminApp() : PlatformApp(DatabaseProvider.Sqlite, "api")
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Platform:Admin:Email", "ops@example.com");
            builder.UseSetting("Platform:Admin:Password", "from-config-9");
        }
    }
}
