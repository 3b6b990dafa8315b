using System.IO.Compression;
using Microsoft.Playwright;
using Platform.Datasets.Samples;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person uploads a zip of labeled images, watches it upload and import, browses it, splits it and downloads an export.</summary>
public sealed class DatasetsPortalTests
{
    private const string AdminEmail = "lin@example.com";
    private const string Password = "datasets-admin-42";

    [Fact]
    public async Task AZipIsUploadedImportedBrowsedSplitAndExported()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string>
        {
            ["Platform__Admin__Email"] = AdminEmail,
            ["Platform__Admin__Password"] = Password,
        });
        var zipPath = Path.Combine(server.DataFolder, "shapes.zip");
        await using (var file = File.Create(zipPath)) SampleDatasets.WriteShapesZip(file, perClass: 40);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update))
        {
            await using var broken = zip.CreateEntry("shapes/circle/broken.png").Open();
            await broken.WriteAsync("not really a png"u8.ToArray(), ct);
        }

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 850 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        await page.GotoAsync(server.Address + "sign-in");
        await page.GetByTestId("signin-email").FillAsync(AdminEmail);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.GetByTestId("new-workspace-name").FillAsync("Shapes lab");
        await page.GetByTestId("create-workspace").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Shapes lab");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        // The empty Datasets page explains itself and offers a sample; this person brings their own zip.
        await page.GetByTestId("nav-datasets").ClickAsync();
        await Assertions.Expect(page.GetByTestId("datasets-add-sample")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("20-datasets-empty") });
        await page.GetByTestId("datasets-new").ClickAsync();
        await page.GetByTestId("dataset-name").FillAsync("Shapes");
        await page.GetByTestId("dataset-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-input")).ToBeAttachedAsync();

        // A slow network, so the progress bar is seen moving.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 20, ["downloadThroughput"] = -1, ["uploadThroughput"] = 30 * 1024,
        });
        await page.GetByTestId("upload-input").SetInputFilesAsync(zipPath);
        var row = page.GetByTestId("upload-row");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Uploading");
        await Assertions.Expect(row.GetByTestId("upload-stats")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[1-9][0-9]? %"));
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("21-upload-progress") });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 60_000 });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });

        await page.GetByTestId("import-start").ClickAsync();
        var import = page.GetByTestId("import-operation");
        await Assertions.Expect(import).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });
        // The broken file is reported, not imported.
        await Assertions.Expect(page.GetByTestId("import-problem-file")).ToHaveTextAsync("shapes/circle/broken.png");
        await Assertions.Expect(import).ToContainTextAsync("skipped 1");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("22-imported") });

        // Browse: thumbnails, a filter, the item view with the keyboard.
        await page.GetByTestId("tab-gallery").ClickAsync();
        await Assertions.Expect(page.GetByTestId("gallery-item").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("23-gallery") });
        await page.GetByTestId("gallery-item").First.ClickAsync();
        var dialog = page.GetByTestId("item-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var first = await dialog.GetAttributeAsync("data-item-id");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(dialog).Not.ToHaveAttributeAsync("data-item-id", first!);
        await Assertions.Expect(page.GetByTestId("item-dialog-position")).ToHaveTextAsync("2 of 120");
        await Assertions.Expect(page.GetByTestId("item-dialog-name")).ToHaveTextAsync("circle-002.png");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("24-item") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // Split 80/10/10: a new version.
        await page.GetByTestId("dataset-split").ClickAsync();
        await Assertions.Expect(page.GetByTestId("split-dialog")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("25-split") });
        await page.GetByTestId("split-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("split-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });
        await page.GetByTestId("tab-statistics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stats-splits")).ToContainTextAsync("96");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("26-statistics") });

        // The export menu offers the formats that fit labeled images, each with a line; the CSV list is downloaded.
                foreach (var theme in new[] { "", "-dark" })
        {
            if (theme.Length > 0) await page.GetByTestId("theme-toggle").ClickAsync();
            await page.GetByTestId("export-format").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid^='export-format-']")).ToHaveCountAsync(5);
            await Assertions.Expect(page.GetByTestId("export-format-CsvImages")).ToContainTextAsync("path,label,split");
            await Assertions.Expect(page.GetByTestId("export-format-Yolo")).ToContainTextAsync("YOLO classification");
            await Assertions.Expect(page.GetByTestId("export-format-PascalVoc")).ToHaveCountAsync(0);
            await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('.mud-popover-open')).opacity === '1'");
            await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath($"27-export-menu{theme}") });
            await page.Mouse.ClickAsync(300, 124); // outside the menu, on the dataset's title: closes it
            await Assertions.Expect(page.GetByTestId("export-format-CsvImages")).ToBeHiddenAsync();
        }
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.GetByTestId("export-format").ClickAsync();
        await page.GetByTestId("export-format-CsvImages").ClickAsync();
        var link = page.GetByTestId("export-download");
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("27-export") });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        download.SuggestedFilename.ShouldEndWith("-csv.zip");
        var saved = Path.Combine(server.DataFolder, "export.zip");
        await download.SaveAsAsync(saved);
        using (var zip = ZipFile.OpenRead(saved))
        {
            zip.Entries.Count.ShouldBe(121);
            zip.Entries.Count(e => e.FullName.StartsWith("train/circle/", StringComparison.Ordinal)).ShouldBe(32);
            using var labels = new StreamReader(zip.GetEntry("labels.csv")!.Open());
            var lines = (await labels.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines[0].ShouldBe("path,label,split");
            lines.Length.ShouldBe(121);
            lines.Count(l => l.EndsWith(",circle,train", StringComparison.Ordinal)).ShouldBe(32);
        }

        // Comparing v1 with its split says how many items moved to each split.
        await page.GetByTestId("tab-versions").ClickAsync();
        await Assertions.Expect(page.GetByTestId("version-row")).ToHaveCountAsync(2);
        await page.GetByTestId("compare-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("diff-moved")).ToHaveTextAsync("120 moved between splits");
        await Assertions.Expect(page.GetByTestId("diff-split-move").First).ToHaveTextAsync("96 moved unsplit → train");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("28-versions") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("28-versions-dark") });
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    [Fact]
    public async Task TheDetectionAndTableSamplesAreBrowsable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string>
        {
            ["Platform__Admin__Email"] = AdminEmail,
            ["Platform__Admin__Password"] = Password,
        });
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 850 } });
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(server.Address + "sign-in");
        await page.GetByTestId("signin-email").FillAsync(AdminEmail);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.GetByTestId("new-workspace-name").FillAsync("Samples");
        await page.GetByTestId("create-workspace").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Samples");
        errors.Clear();

        // Detection: the sample opens when its import is done, and an item shows its boxes.
        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-add-sample-kind").ClickAsync();
        await page.GetByTestId("datasets-add-sample-ObjectDetection").ClickAsync();
        await page.WaitForURLAsync("**/datasets/*", new() { Timeout = 60_000 });
        await page.GetByTestId("gallery-item").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-box").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("30-detection-item") });
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("tab-statistics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stats-class-row")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("31-detection-statistics") });

        // Table: rows with their columns, and column statistics.
        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-add-sample-kind").ClickAsync();
        await page.GetByTestId("datasets-add-sample-Table").ClickAsync();
        await Assertions.Expect(page.GetByTestId("gallery-item").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("32-table-rows") });
        await page.GetByTestId("tab-statistics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stats-column-row")).ToHaveCountAsync(6);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("33-table-statistics") });

        await page.GetByTestId("nav-datasets").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-row")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("34-datasets-list") });

        // The administrator sets this workspace's quota; the Datasets page shows it.
        await page.GetByTestId("nav-settings-workspace").ClickAsync();
        await page.GetByTestId("storage-quota").FillAsync("2");
        await page.GetByTestId("storage-quota-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("storage-settings").GetByTestId("storage-usage-text")).ToContainTextAsync("of 2 GiB used");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("35-storage-quota") });
        await page.GetByTestId("nav-datasets").ClickAsync();
        await Assertions.Expect(page.GetByTestId("storage-usage-text")).ToContainTextAsync("of 2 GiB used");
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }
}
