using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person changes their password on the Account page, then signs in with the new one.</summary>
public sealed class AccountPortalTests
{
    private const string Email = "noor@example.com";
    private const string OldPassword = "old-secret-42";
    private const string NewPassword = "new-secret-77";

    [Fact]
    public async Task APasswordChangedInThePortalEndsOtherSessionsAndSignsInAfterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string>
        {
            ["Platform__Admin__Email"] = Email,
            ["Platform__Admin__Password"] = OldPassword,
            ["Platform__Admin__DisplayName"] = "Noor",
        });
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            // Refused passwords answer 400 and the browser logs each; anything else is a fault.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(m.Text);
        };

        // The same person is also signed in elsewhere (another browser).
        await using var elsewhere = await browser.NewContextAsync();
        var signIn = await elsewhere.APIRequest.PostAsync(server.Address + "api/auth/sign-in", new()
        {
            Headers = new Dictionary<string, string> { ["X-Platform-Csrf"] = "1" },
            DataObject = new { email = Email, password = OldPassword },
        });
        signIn.Status.ShouldBe(200);
        (await elsewhere.APIRequest.GetAsync(server.Address + "api/auth/me")).Status.ShouldBe(200);

        await page.GotoAsync(server.Address + "sign-in");
        await SignInAsync(page, OldPassword);
        await Assertions.Expect(page.GetByTestId("new-workspace-name")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("user-menu-account").ClickAsync();
        await page.WaitForURLAsync("**/settings/account");
        await Assertions.Expect(page.GetByTestId("account-email")).ToHaveTextAsync(Email);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("50-account") });

        // The server's reasons appear under their fields: a wrong current password, then a new one too weak.
        var form = page.GetByTestId("account-password");
        await page.GetByTestId("account-current-password").FillAsync("not-my-password-1");
        await page.GetByTestId("account-new-password").FillAsync(NewPassword);
        await page.GetByTestId("account-repeat-password").FillAsync(NewPassword);
        await page.GetByTestId("account-repeat-password").PressAsync("Enter");
        await Assertions.Expect(form.GetByText("The current password is not correct.")).ToBeVisibleAsync();
        await page.GetByTestId("account-current-password").FillAsync(OldPassword);
        await page.GetByTestId("account-new-password").FillAsync("short");
        await page.GetByTestId("account-repeat-password").FillAsync("short");
        await page.GetByTestId("account-repeat-password").PressAsync("Enter");
        await Assertions.Expect(form.GetByText("Password must be at least 8 characters. Password must contain letters and digits.")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText("The current password is not correct.")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("51-account-errors") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(600, 740); // away from the toggle, so its tooltip closes
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("52-account-errors-dark") });

        // Enter in the last field changes it; this session goes on, the other one ends.
        await page.GetByTestId("account-new-password").FillAsync(NewPassword);
        await page.GetByTestId("account-repeat-password").FillAsync(NewPassword);
        await page.GetByTestId("account-repeat-password").PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Password changed. Other sessions of this account were signed out.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("account-current-password")).ToHaveValueAsync("");
        // The server closed the account's live connections, this page's too; it comes back on the renewed session.
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("53-account-changed-dark") });
        (await elsewhere.APIRequest.GetAsync(server.Address + "api/auth/me")).Status.ShouldBe(401);
        await page.GetByTestId("nav-settings-tokens").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tokens-empty")).ToBeVisibleAsync();

        // Signed out, the old password no longer works and the new one does.
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/sign-in**");
        await SignInAsync(page, OldPassword);
        await Assertions.Expect(page.GetByTestId("signin-error")).ToBeVisibleAsync();
        await SignInAsync(page, NewPassword);
        await Assertions.Expect(page.GetByTestId("user-menu")).ToContainTextAsync("Noor", new() { Timeout = 60_000 });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(600, 740); // away from the toggle, so its tooltip closes
        await page.GotoAsync(server.Address + "settings/account");
        await Assertions.Expect(page.GetByTestId("account-email")).ToHaveTextAsync(Email, new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("54-account-signed-in-again") });

        // A single sign-on account has no password here. Its sign-in needs an identity provider (SingleSignOnTests),
        // so the server's answer for such an account is played back: the page explains instead of showing the form.
        const string singleSignOn = "This account signs in with single sign-on; change the password at the provider.";
        await page.RouteAsync("**/api/auth/password", route => route.FulfillAsync(new()
        {
            Status = 409,
            ContentType = "application/problem+json",
            Body = JsonSerializer.Serialize(new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.10", title = "Conflict.", status = 409, detail = singleSignOn }),
        }));
        await page.GetByTestId("account-current-password").FillAsync(NewPassword);
        await page.GetByTestId("account-new-password").FillAsync("another-secret-88");
        await page.GetByTestId("account-repeat-password").FillAsync("another-secret-88");
        await page.GetByTestId("account-repeat-password").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("account-sso")).ToHaveTextAsync(singleSignOn);
        await Assertions.Expect(page.GetByTestId("account-current-password")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("55-account-single-sign-on") });
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    private static async Task SignInAsync(IPage page, string password)
    {
        await page.GetByTestId("signin-email").FillAsync(Email);
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
    }
}
