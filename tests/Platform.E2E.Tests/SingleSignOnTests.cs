using System.Net;
using Microsoft.Playwright;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>OpenID Connect sign-in against a real provider (oidc-provider on Node), clicked through in Chromium.</summary>
public sealed class SingleSignOnTests
{
    private const string AdminEmail = "ada@example.com";
    private const string AdminPassword = "first-admin-42";

    [Fact]
    public async Task SingleSignOnCreatesTheAccountOnFirstSignInAndSignsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var serverPort = ServerProcess.FreePort();
        await using var provider = await OidcProviderProcess.StartAsync(new Uri($"http://127.0.0.1:{serverPort}/api/auth/oidc/callback"), ct);
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string>
        {
            ["Platform__Oidc__Authority"] = provider.Authority.ToString().TrimEnd('/'),
            ["Platform__Oidc__ClientId"] = OidcProviderProcess.ClientId,
            ["Platform__Oidc__ClientSecret"] = OidcProviderProcess.ClientSecret,
            ["Platform__Oidc__RequireHttpsMetadata"] = "false",
            ["Platform__Oidc__DisplayName"] = "Test SSO",
            ["Platform__Admin__Email"] = AdminEmail,
            ["Platform__Admin__Password"] = AdminPassword,
        }, serverPort);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        try
        {
            await SignInWithSingleSignOnAsync(browser, server.Address, "grace", screenshots: true);
            var admin = await SignInApiAsync(server.Address, ct);
            var grace = (await admin.ListUsersAsync(ct: ct)).Items.SingleOrDefault(u => u.Email == "grace@example.com");
            grace.ShouldNotBeNull();
            grace.DisplayName.ShouldBe("grace Example");
            grace.IsAdmin.ShouldBeFalse();

            // A second sign-in (new browser session, so the provider asks again) finds the same account.
            await SignInWithSingleSignOnAsync(browser, server.Address, "grace", screenshots: false);
            var users = (await admin.ListUsersAsync(ct: ct)).Items;
            users.Count(u => u.Email == "grace@example.com").ShouldBe(1);
            users.Count.ShouldBe(2);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{e.Message}\n--- server:\n{server.Output}\n--- provider:\n{provider.Output}", e);
        }
    }

    private static async Task SignInWithSingleSignOnAsync(IBrowser browser, Uri portal, string login, bool screenshots)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        try { await ClickThroughAsync(page, portal, login, screenshots); }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("sso-failure") });
            throw new InvalidOperationException($"{e.Message}\nAt {page.Url}:\n{await page.ContentAsync()}", e);
        }
    }

    /// <summary>
    /// How long the portal may take to boot (download and start the WebAssembly app) after a navigation. Playwright's
    /// assertions wait 5 s by default, too short on a busy machine; each one still returns as soon as it holds.
    /// </summary>
    private const float BootTimeoutMs = 90_000;

    /// <summary>
    /// Waits for the address only (commit), not for the page's load event: what proves the portal is up is the
    /// element checked next, and a load event that comes late (or, seen here once, never) is not the condition.
    /// </summary>
    private static readonly PageWaitForURLOptions Booted = new() { Timeout = BootTimeoutMs, WaitUntil = WaitUntilState.Commit };

    private static async Task ClickThroughAsync(IPage page, Uri portal, string login, bool screenshots)
    {
        await page.GotoAsync(portal.ToString(), new() { Timeout = BootTimeoutMs, WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync("**/sign-in**", Booted);
        await Assertions.Expect(page.GetByTestId("signin-sso")).ToContainTextAsync("Test SSO", new() { Timeout = BootTimeoutMs });
        await page.GetByTestId("signin-sso").ClickAsync();

        // The provider's own login form (any login, any password), then its consent page.
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any-password");
        if (screenshots) await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("sso-01-provider-login") });
        await page.Locator("button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Back in the portal, signed in as the new account.
        await page.WaitForURLAsync(url => url.StartsWith(portal.ToString(), StringComparison.Ordinal) && !url.Contains("/api/", StringComparison.Ordinal),
            Booted);
        await Assertions.Expect(page.GetByTestId("user-menu")).ToContainTextAsync($"{login} Example", new() { Timeout = BootTimeoutMs });
        await Assertions.Expect(page.GetByText($"Welcome, {login}")).ToBeVisibleAsync(new() { Timeout = BootTimeoutMs });
        if (screenshots) await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("sso-02-signed-in") });
    }

    private static async Task<PlatformClient> SignInApiAsync(Uri address, CancellationToken ct)
    {
        var client = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address });
        await client.SignInAsync(new SignInRequest(AdminEmail, AdminPassword), ct);
        return client;
    }
}
