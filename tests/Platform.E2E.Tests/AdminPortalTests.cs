using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>
/// An administrator works through the Administration page as a person: invites two people, makes one an administrator,
/// disables the other (who then cannot sign in and whose session ends), changes a workspace's quota, and looks at the
/// workers and the server's settings with a secret masked.
/// </summary>
public sealed class AdminPortalTests
{
    private const string AdminEmail = "ada@example.com";
    private const string AdminPassword = "admin-secret-42";
    private const string S3Secret = "e2e-s3-secret-value";

    [Fact]
    public async Task AnAdministratorManagesAccountsQuotasAndSeesTheServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string>
        {
            ["Platform__Admin__Email"] = AdminEmail,
            ["Platform__Admin__Password"] = AdminPassword,
            ["Platform__ObjectStore__S3__SecretKey"] = S3Secret,
        });
        await using var open = await Browser.OpenAsync();
        var page = open.Page;
        await Browser.SignInAsync(page, server.Address, AdminEmail, AdminPassword);
        await Browser.CreateWorkspaceAsync(page, "Vision");

        await page.GetByTestId("nav-admin").ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(page.GetByTestId("admin-user-row")).ToHaveCountAsync(1);

        // Invite two people: each gets a temporary password shown once.
        var rosaPassword = await InviteAsync(page, "rosa@example.com", "Rosa");
        await InviteAsync(page, "sam@example.com", "Sam");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D0-admin-users-invited") });

        // Rosa is signed in elsewhere before she is disabled.
        await using var elsewhere = await open.Browser.NewContextAsync();
        (await elsewhere.APIRequest.PostAsync(server.Address + "api/auth/sign-in", new()
        {
            Headers = new Dictionary<string, string> { ["X-Platform-Csrf"] = "1" },
            DataObject = new { email = "rosa@example.com", password = rosaPassword },
        })).Status.ShouldBe(200);

        // In her own browser Rosa is signed in too; she is no administrator, so the page and its link are not for her.
        var (rosaPage, _) = await Browser.NewPageAsync(open.Browser);
        await Browser.SignInAsync(rosaPage, server.Address, "rosa@example.com", rosaPassword);
        await Assertions.Expect(rosaPage.GetByTestId("new-workspace-name")).ToBeVisibleAsync();
        await rosaPage.GotoAsync(server.Address + "admin");
        await Assertions.Expect(rosaPage.GetByTestId("admin-only")).ToBeVisibleAsync();
        await Assertions.Expect(rosaPage.GetByTestId("nav-admin")).ToHaveCountAsync(0);

        await RowAction(page, "sam@example.com", "user-make-admin");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Make administrator", Exact = true }).ClickAsync();
        await Assertions.Expect(Row(page, "sam@example.com").GetByTestId("user-is-admin")).ToBeVisibleAsync();

        await RowAction(page, "rosa@example.com", "user-disable");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Assertions.Expect(Row(page, "rosa@example.com").GetByTestId("user-disabled")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(10, 890);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D1-admin-users-changed") });
        (await elsewhere.APIRequest.GetAsync(server.Address + "api/auth/me")).Status.ShouldBe(401);

        // An administrator cannot disable themselves: the action is not offered.
        await RowAction(page, AdminEmail, "user-disable");
        await Assertions.Expect(page.GetByTestId("user-disable")).ToBeDisabledAsync();
        await page.Keyboard.PressAsync("Escape");

        // Rosa's session has ended: the portal sends her to sign in, which she cannot any more, and she is told why.
        await rosaPage.ReloadAsync();
        await rosaPage.WaitForURLAsync("**/sign-in**");
        await Browser.SignInAsync(rosaPage, server.Address, "rosa@example.com", rosaPassword);
        await Assertions.Expect(rosaPage.GetByTestId("signin-error")).ToContainTextAsync("This account has been disabled");
        await rosaPage.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D2-disabled-sign-in") });

        // Workspaces: change the quota of Vision to 2 GiB.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Workspaces" }).ClickAsync();
        var vision = page.Locator("[data-testid=admin-workspace-row][data-workspace='Vision']");
        await Assertions.Expect(vision.GetByTestId("workspace-quota")).ToContainTextAsync("(default)");
        await vision.GetByTestId("workspace-quota-edit").ClickAsync();
        await vision.GetByTestId("workspace-quota-input").FillAsync("2");
        await vision.GetByTestId("workspace-quota-save").ClickAsync();
        await Assertions.Expect(vision.GetByTestId("workspace-quota")).ToHaveTextAsync("2 GiB");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D3-admin-workspaces") });

        // Workers: the embedded worker serves the default and cpu queues; the job dashboard is linked.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Workers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-worker-row").First).ToContainTextAsync("Online");
        await Assertions.Expect(page.Locator("[data-testid=admin-queue-row][data-queue='cpu']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("job-dashboard-link")).ToHaveAttributeAsync("href", "/hangfire");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D4-admin-workers") });

        // Server: version, roles and settings; the S3 secret is masked and never reaches the page.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Server" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("server-roles")).ToHaveTextAsync("api, web, worker, serving");
        var secret = page.Locator("[data-testid=server-setting][data-key='Platform:ObjectStore:S3:SecretKey']");
        await Assertions.Expect(secret.GetByTestId("server-setting-value")).ToHaveTextAsync("••••••");
        (await page.ContentAsync()).ShouldNotContain(S3Secret);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D5-admin-server") });
        await page.GetByTestId("server-settings-filter").FillAsync("S3");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(600, 890);
        await Assertions.Expect(page.Locator("[data-testid=server-setting][data-key='Platform:Roles']")).ToHaveCountAsync(0);
        await Assertions.Expect(secret).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("D6-admin-server-dark") });
        open.Errors.Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    private static ILocator Row(IPage page, string email) => page.Locator($"[data-testid=admin-user-row][data-email='{email}']");

    private static async Task RowAction(IPage page, string email, string action)
    {
        await Row(page, email).GetByTestId("user-actions").ClickAsync();
        await page.GetByTestId(action).WaitForAsync();
        if (await page.GetByTestId(action).IsEnabledAsync()) await page.GetByTestId(action).ClickAsync();
    }

    private static async Task<string> InviteAsync(IPage page, string email, string name)
    {
        await page.GetByTestId("invite-email").FillAsync(email);
        await page.GetByTestId("invite-name").FillAsync(name);
        await page.GetByTestId("invite-user").ClickAsync();
        await Assertions.Expect(page.GetByTestId("temporary-password")).ToContainTextAsync(email);
        await Assertions.Expect(Row(page, email)).ToBeVisibleAsync();
        return (await page.GetByTestId("temporary-password-value").TextContentAsync())!.Trim();
    }
}
