using Microsoft.Playwright;

namespace Platform.E2E.Tests;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download), and where screenshots go.</summary>
public static class Browser
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>Chromium with one page (<see cref="NewPageAsync"/>); disposing closes both.</summary>
    public static async Task<OpenBrowser> OpenAsync()
    {
        var (playwright, browser) = await LaunchAsync();
        var (page, errors) = await NewPageAsync(browser);
        return new OpenBrowser(playwright, browser, page, errors);
    }

    /// <summary>A 1366×900 page with a 30-second default timeout; <c>Errors</c> collects the console's errors.</summary>
    public static async Task<(IPage Page, List<string> Errors)> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        return (page, errors);
    }

    /// <summary>Signs in on the portal's sign-in page.</summary>
    public static async Task SignInAsync(IPage page, Uri server, string email, string password)
    {
        await page.GotoAsync(server + "sign-in");
        await page.GetByTestId("signin-email").FillAsync(email);
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
    }

    /// <summary>Creates the first workspace from the home page and waits until it is the current one.</summary>
    public static async Task CreateWorkspaceAsync(IPage page, string name)
    {
        await page.GetByTestId("new-workspace-name").FillAsync(name);
        await page.GetByTestId("create-workspace").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync(name);
    }

    /// <summary>Screenshots land in .tmp/screenshots at the repository root (or PLATFORM_SCREENSHOTS).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Environment.GetEnvironmentVariable("PLATFORM_SCREENSHOTS") ?? FindRepoTmp();
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static string FindRepoTmp()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return Path.Combine(dir.FullName, ".tmp", "screenshots");
        return Path.Combine(Path.GetTempPath(), "platform-screenshots");
    }
}

/// <summary>A launched browser and its first page; <see cref="Errors"/> collects the page's console errors.</summary>
public sealed record OpenBrowser(IPlaywright Playwright, IBrowser Browser, IPage Page, List<string> Errors) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
