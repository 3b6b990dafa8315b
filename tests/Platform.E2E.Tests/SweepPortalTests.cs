using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person creates an experiment, starts a sweep over the learning rate on the sample, and reads its result.</summary>
public sealed class SweepPortalTests
{
    private const string AdminEmail = "grace@example.com";
    private const string Password = "sweep-admin-42";

    [Fact]
    public async Task ASweepRunsItsTrialsAndMarksTheBestOnItsPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);

        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Browser.CreateWorkspaceAsync(page, "Tuning");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-add-sample").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-train")).ToBeEnabledAsync(new() { Timeout = 120_000 });

        await page.GetByTestId("nav-experiments").ClickAsync();
        await page.GetByTestId("experiments-new").ClickAsync();
        await page.GetByTestId("experiment-name").FillAsync("Learning rate");
        await page.GetByTestId("experiment-save").ClickAsync();
        await page.WaitForURLAsync(new Regex("/experiments/"));

        await page.GetByTestId("experiment-sweep").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sweep-values-learningRate")).ToHaveValueAsync("0.01-0.3");
        await page.GetByTestId("sweep-trials").FillAsync("3");
        await page.GetByTestId("sweep-minutes").FillAsync("0.3");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("80-sweep-dialog") });
        await page.GetByTestId("sweep-start").ClickAsync();

        await page.WaitForURLAsync(new Regex("/sweeps/"));
        await Assertions.Expect(page.GetByTestId("sweep-trial")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("sweep-state")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 300_000 });
        await Assertions.Expect(page.GetByTestId("sweep-best")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("pc-best")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("81-sweep-done"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("82-sweep-done-dark"), FullPage = true });

        // The experiment lists the sweep and its three trials.
        await page.GetByRole(AriaRole.Link, new() { Name = "Experiment", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sweep-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("run-row")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("83-experiment-with-sweep-dark") });
        errors.ShouldBeEmpty();
    }
}
