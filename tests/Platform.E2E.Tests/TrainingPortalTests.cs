using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person trains the sample dataset from its version page, watches the loss chart grow live, and reads the results.</summary>
public sealed class TrainingPortalTests
{
    private const string AdminEmail = "ada@example.com";
    private const string Password = "training-admin-42";

    [Fact]
    public async Task TheSampleIsTrainedFromItsVersionPageWithLiveChartsAndAConfusionMatrix()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);

        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Browser.CreateWorkspaceAsync(page, "Vision");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        // Experiments starts empty and says how runs come about.
        await page.GetByTestId("nav-experiments").ClickAsync();
        await Assertions.Expect(page.GetByTestId("experiments-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("60-experiments-empty") });

        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-add-sample").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-train")).ToBeEnabledAsync(new() { Timeout = 120_000 });

        // Train proposes the image template and 30 minutes; this person wants a quick look: one minute.
        await page.GetByTestId("dataset-train").ClickAsync();
        var dialog = page.GetByTestId("train-dialog");
        await Assertions.Expect(dialog.GetByTestId("train-reason")).ToContainTextAsync("labeled images in 3 classes");
        await Assertions.Expect(dialog.GetByTestId("train-minutes")).ToHaveValueAsync("30");
        await dialog.GetByTestId("train-minutes").FillAsync("1");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("61-train-dialog") });
        await page.GetByTestId("train-start").ClickAsync();

        // The run page: the loss chart appears and keeps growing without a reload.
        await page.WaitForURLAsync(new Regex("/runs/"));
        var loss = page.Locator("[data-testid=metric-chart][data-metric=loss]");
        await Assertions.Expect(loss.GetByTestId("metric-chart-line").First).ToBeAttachedAsync(new() { Timeout = 120_000 });
        var first = await loss.GetByTestId("metric-chart-latest").TextContentAsync();
        await Assertions.Expect(loss.GetByTestId("metric-chart-latest")).Not.ToHaveTextAsync(first!, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("run-progress-text")).ToContainTextAsync("step");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("62-run-live") });

        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 180_000 });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Results" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confusion-matrix")).ToBeVisibleAsync();
        (await page.GetByTestId("confusion-cell").CountAsync()).ShouldBe(9);
        await Assertions.Expect(page.GetByTestId("results-accuracy")).ToContainTextAsync("%");
        // A mistake cell opens the items behind it (or says none of the worst items fall there).
        var mistakes = page.Locator("[data-testid=confusion-cell]:not([data-row='0'][data-col='0']):not([data-row='1'][data-col='1']):not([data-row='2'][data-col='2'])");
        var texts = await mistakes.AllTextContentsAsync();
        var worst = texts.Select((t, i) => (Count: int.Parse(t), i)).MaxBy(c => c.Count).i;
        await mistakes.Nth(worst).ClickAsync();
        await Assertions.Expect(page.GetByTestId("worst-title")).ToContainTextAsync("predicted");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("63-run-results"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("64-run-results-dark"), FullPage = true });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Charts" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("65-run-charts-dark"), FullPage = true });

        // The run is listed in the Default experiment with its score.
        await page.GetByTestId("nav-experiments").ClickAsync();
        await page.GetByTestId("experiment-row").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("run-row").GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "Succeeded");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("66-experiment-runs-dark") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("67-experiment-runs") });

        // The run's model is registered from its page, and production is pointed at it on the model's page.
        await page.GetByTestId("run-row").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByTestId("run-register").ClickAsync();
        var register = page.GetByTestId("register-dialog");
        await register.GetByTestId("register-model").FillAsync("shapes-classifier");
        await register.GetByTestId("register-model").PressAsync("Tab");
        await Assertions.Expect(register).ToContainTextAsync("this run becomes its v1");
        await register.GetByTestId("register-tags").FillAsync("owner=vision");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("A0-register-dialog") });
        await page.GetByTestId("register-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-registered")).ToContainTextAsync("shapes-classifier v1");
        await page.GetByTestId("run-registered").GetByText("shapes-classifier v1").ClickAsync();
        await page.WaitForURLAsync(new Regex("/models/"));
        await Assertions.Expect(page.GetByTestId("model-aliases-empty")).ToBeVisibleAsync();
        await page.GetByTestId("model-set-alias").ClickAsync();
        await page.GetByTestId("alias-dialog").GetByTestId("alias-name").FillAsync("production");
        await page.GetByTestId("alias-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("model-alias-row")).ToContainTextAsync("production");
        await Assertions.Expect(page.GetByTestId("model-alias-row")).ToContainTextAsync("v1");
        await Assertions.Expect(page.GetByTestId("model-alias-row")).ToContainTextAsync("protected");
        await Assertions.Expect(page.GetByTestId("model-version-row")).ToContainTextAsync("owner: vision");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("A1-model-page"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("A2-model-page-dark"), FullPage = true });
        await page.GetByTestId("nav-models").ClickAsync();
        await Assertions.Expect(page.GetByTestId("model-row")).ToContainTextAsync("production → v1");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("A3-models-dark") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("A4-models") });
        await DeployAndTryAsync(page);
        await page.GetByTestId("nav-models").ClickAsync();
        await page.GetByTestId("model-row").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("model-version-row").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/runs/"));

        // A worst item opens in its dataset, in the item view; a run that classified every item right says so instead.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Results" }).ClickAsync();
        var worstItem = page.GetByTestId("worst-item-link").First;
        await Assertions.Expect(worstItem.Or(page.GetByTestId("worst-none"))).ToBeVisibleAsync();
        if (await worstItem.IsVisibleAsync())
        {
            await worstItem.ClickAsync();
            await page.WaitForURLAsync(new Regex("/datasets/.*item="));
            await Assertions.Expect(page.GetByTestId("item-dialog")).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("results-accuracy")).ToHaveTextAsync(new Regex("100"));
            await Assertions.Expect(page.GetByTestId("worst-none")).ToHaveTextAsync("No item was misclassified.");
        }
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task AWaitingRunIsMovedUpTheQueueFromItsPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);
        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Browser.CreateWorkspaceAsync(page, "Queue");
        errors.Clear();
        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-add-sample").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-train")).ToBeEnabledAsync(new() { Timeout = 120_000 });

        // The one worker trains the first run for 30 minutes; two more wait behind it.
        await page.GetByTestId("dataset-train").ClickAsync();
        await page.GetByTestId("train-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-progress-text")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await TrainAgainAsync(page, "normal", null);
        await Assertions.Expect(page.GetByTestId("run-queue")).ToContainTextAsync("Position 1 in the cpu queue");
        await TrainAgainAsync(page, "urgent", "High");
        await Assertions.Expect(page.GetByTestId("run-queue")).ToContainTextAsync("Position 1 in the cpu queue");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("68-run-queued-high") });

        // On second thought it can wait: Low puts it behind the normal run.
        await ChooseAsync(page, page.GetByTestId("run-status-panel").GetByTestId("run-priority"), "Low");
        await Assertions.Expect(page.GetByTestId("run-queue")).ToContainTextAsync("Position 2 in the cpu queue");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("69-run-queued-low-dark") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        errors.ShouldBeEmpty();
    }

    private static async Task TrainAgainAsync(IPage page, string name, string? priority)
    {
        await page.GetByTestId("run-train-again").ClickAsync();
        var dialog = page.GetByTestId("train-dialog");
        await dialog.GetByTestId("train-name").FillAsync(name);
        if (priority is not null) await ChooseAsync(page, dialog.GetByTestId("train-priority"), priority);
        await page.GetByTestId("train-start").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Opens a MudSelect and picks the item with this text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = item }).First.ClickAsync();
    }

    /// <summary>Deploys production from the model page, predicts a shape in the try-it panel, and makes a key for an application.</summary>
    private static async Task DeployAndTryAsync(IPage page)
    {
        await page.GetByTestId("model-row").GetByRole(AriaRole.Link).ClickAsync();

        // Batch prediction over the dataset it was trained on: progress, then the summary and the file.
        await page.GetByTestId("version-predict").ClickAsync();
        await Assertions.Expect(page.GetByTestId("batch-start")).ToBeEnabledAsync();
        await page.GetByTestId("batch-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("batch-message")).ToContainTextAsync("labeled items match their label", new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("batch-download")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B6-batch-prediction") });
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();

        await page.GetByTestId("deploy-model").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deploy-name")).ToHaveValueAsync("shapes-classifier");
        await Assertions.Expect(page.GetByTestId("deploy-target")).ToHaveValueAsync(new Regex("production"));
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B0-deploy-dialog") });
        await page.GetByTestId("deploy-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/endpoints/"));
        await Assertions.Expect(page.GetByTestId("endpoint-status").First).ToHaveTextAsync("Ready", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("endpoint-url")).ToContainTextAsync("/serve/");

        var image = Path.Combine(Path.GetTempPath(), $"shape-{Guid.NewGuid():N}.png");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(ShapesZip())))
        await using (var entry = zip.Entries.First(e => e.FullName.EndsWith(".png", StringComparison.Ordinal)).Open())
        await using (var file = File.Create(image))
            await entry.CopyToAsync(file);
        await page.Locator("[data-testid=endpoint-tryit] input[type=file]").SetInputFilesAsync(image);
        await Assertions.Expect(page.GetByTestId("tryit-label")).ToHaveTextAsync(new Regex("^(circle|square|triangle)$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("tryit-confidence")).ToContainTextAsync("%");
        await Assertions.Expect(page.GetByTestId("tryit-probability")).ToHaveCountAsync(3);
        // The monitoring panel counts the prediction live, with its latency and predicted class.
        await Assertions.Expect(page.GetByTestId("monitoring-requests")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("monitoring-p50")).ToContainTextAsync("ms");
        await Assertions.Expect(page.GetByTestId("monitoring-label")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B1-endpoint-tryit"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B2-endpoint-tryit-dark"), FullPage = true });

        await page.GetByTestId("new-key").ClickAsync();
        await page.GetByTestId("key-name").FillAsync("checkout service");
        await page.GetByTestId("create-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-secret")).ToContainTextAsync("pek_");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B3-endpoint-key-dark") });
        await page.GetByTestId("key-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-row")).ToContainTextAsync("checkout service");

        // Pinning v1 instead of following production is a revision; rolling back to the first is another.
        await page.GetByTestId("endpoint-change-version").ClickAsync();
        await ChooseAsync(page, page.GetByTestId("endpoint-change-target"), "v1 (fixed)");
        await page.GetByTestId("endpoint-change-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("revision-row")).ToHaveCountAsync(2);
        await page.GetByTestId("rollback-1").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Roll back", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("revision-row")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("revision-row").First).ToContainTextAsync("Rolled back");
        await page.GetByTestId("endpoint-revisions").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B7-endpoint-revisions-dark") });

        await page.GetByTestId("nav-endpoints").ClickAsync();
        await Assertions.Expect(page.GetByTestId("endpoint-row")).ToContainTextAsync("v1");
        await Assertions.Expect(page.GetByTestId("endpoint-row").GetByTestId("endpoint-status")).ToHaveTextAsync("Ready");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B4-endpoints-dark") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("B5-endpoints") });
    }

    private static byte[] ShapesZip()
    {
        var output = new MemoryStream();
        Platform.Datasets.Samples.SampleDatasets.WriteShapesZip(output, 1);
        return output.ToArray();
    }
}
