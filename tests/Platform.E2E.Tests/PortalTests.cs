using System.Net;
using Microsoft.Playwright;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person's first session, clicked through in Chromium against the real Server process.</summary>
public sealed class PortalTests
{
    private const string AdminEmail = "ada@example.com";
    private const string Password = "first-admin-42";

    [Fact]
    public async Task AFirstAdministratorSetsUpAWorkspaceAddsAMemberCreatesATokenAndSeesLiveEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        // First visit: the portal asks for the first administrator.
        await page.GotoAsync(server.Address.ToString());
        await page.WaitForURLAsync("**/setup");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("01-setup") });
        await page.GetByTestId("setup-email").FillAsync(AdminEmail);
        await page.GetByTestId("setup-name").FillAsync("Ada");
        await page.GetByTestId("setup-password").FillAsync(Password);
        await page.GetByTestId("setup-confirm").FillAsync(Password);
        await page.GetByTestId("setup-submit").ClickAsync();

        // No workspace yet: the home page offers to create one.
        await page.GetByTestId("new-workspace-name").FillAsync("Vision team");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("02-first-workspace") });
        await page.GetByTestId("create-workspace").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Vision team");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("03-home") });

        // Sign out and back in.
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/sign-in**");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("04-sign-in") });
        await page.GetByTestId("signin-email").FillAsync(AdminEmail);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Vision team");

        // The administrator makes an account for a colleague, then adds her to the workspace.
        await page.GetByTestId("nav-settings-users").ClickAsync();
        await page.GetByTestId("user-email").FillAsync("grace@example.com");
        await page.GetByTestId("user-name").FillAsync("Grace");
        await page.GetByTestId("user-generate-password").ClickAsync();
        await page.GetByTestId("create-user").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-row").Filter(new() { HasText = "grace@example.com" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("05a-users") });
        await page.GetByTestId("nav-settings-members").ClickAsync();
        await page.GetByTestId("member-email").FillAsync("grace@example.com");
        await page.GetByTestId("add-member").ClickAsync();
        await Assertions.Expect(page.GetByTestId("member-row")).ToHaveCountAsync(2);
        var grace = page.GetByTestId("member-row").Filter(new() { HasText = "grace@example.com" });
        await Assertions.Expect(grace).ToBeVisibleAsync();
        await Assertions.Expect(grace.GetByTestId("member-invited")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("05-members") });

        // A personal API token is shown once, and works.
        await page.GetByTestId("nav-settings-tokens").ClickAsync();
        await page.GetByTestId("token-name").FillAsync("laptop script");
        await page.GetByTestId("create-token").ClickAsync();
        var secretElement = page.GetByTestId("token-secret");
        await Assertions.Expect(secretElement).ToBeVisibleAsync();
        var secret = (await ReadSecretAsync(secretElement)).Trim();
        secret.ShouldStartWith("plat_");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("06-token-secret") });
        await page.GetByTestId("token-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-row")).ToHaveCountAsync(1);
        var script = new PlatformClient(new HttpClient { BaseAddress = server.Address });
        script.UseToken(secret);
        (await script.GetMeAsync(ct)).Email.ShouldBe(AdminEmail);

        // Live events: one sent from another client appears without a reload.
        await page.GetByTestId("nav-settings-workspace").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveTextAsync("Live");
        var workspace = (await script.ListWorkspacesAsync(ct: ct)).Items.Single();
        await script.SendTestEventAsync(workspace.Id, "Model v3 finished training", ct);
        await Assertions.Expect(page.GetByTestId("live-event").Filter(new() { HasText = "Model v3 finished training" })).ToBeVisibleAsync();
        await page.GetByTestId("run-system-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("operation-state")).ToHaveTextAsync("Succeeded");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("07-live-events") });

        // The embedded worker is online.
        await page.GetByTestId("nav-workers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("worker-status").First).ToContainTextAsync("Online");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("08-workers") });

        await page.GetByTestId("nav-settings-audit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-row").Filter(new() { HasText = "member.invited" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("09-audit") });

        await page.GetByTestId("nav-workspaces").ClickAsync();
        await Assertions.Expect(page.GetByTestId("workspace-row")).ToHaveCountAsync(1);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("10-workspaces-dark") });

        errors.ShouldBeEmpty(string.Join("\n", errors));
        await AnInvitedColleagueAcceptsAsync(browser, server, script, workspace, ct);
    }

    /// <summary>An invited account sees the invitation on its home page and joins the workspace by accepting it.</summary>
    private static async Task AnInvitedColleagueAcceptsAsync(IBrowser browser, ServerProcess server, PlatformClient admin, WorkspaceDto workspace, CancellationToken ct)
    {
        await admin.RegisterUserAsync(new RegisterUserRequest("linus@example.com", Password, "Linus"), ct);
        await admin.AddMemberAsync(workspace.Id, new AddMemberRequest("linus@example.com", WorkspaceRole.Member), ct);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(server.Address, "sign-in").ToString());
        await page.GetByTestId("signin-email").FillAsync("linus@example.com");
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();

        var invitation = page.GetByTestId("invitation").Filter(new() { HasText = "Vision team" });
        await Assertions.Expect(invitation).ToBeVisibleAsync();
        await Assertions.Expect(invitation).ToContainTextAsync(AdminEmail);
        await Assertions.Expect(page.GetByTestId("no-workspaces")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("11-invitation") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("12-invitation-dark") });

        await invitation.GetByTestId("invitation-accept").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Vision team");
        await Assertions.Expect(page.GetByTestId("invitations")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("13-invitation-accepted-dark") });
        (await admin.ListMembersAsync(workspace.Id, ct: ct)).Items.Single(m => m.Email == "linus@example.com").Invited.ShouldBeFalse();
    }

    private static async Task<string> ReadSecretAsync(ILocator element)
    {
        var tag = await element.EvaluateAsync<string>("e => e.tagName");
        return tag is "INPUT" or "TEXTAREA" ? await element.InputValueAsync() : await element.InnerTextAsync();
    }
}
