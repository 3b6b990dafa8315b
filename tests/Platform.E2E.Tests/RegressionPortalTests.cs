using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person uploads a CSV of house prices, trains a regression on it, and reads predicted against actual.</summary>
public sealed class RegressionPortalTests
{
    private const string AdminEmail = "ida@example.com";
    private const string Password = "regression-admin-42";

    [Fact]
    public async Task ATableWithANumericTargetTrainsAndItsResultsShowTheScatterAndTheLargestErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        var csvPath = Path.Combine(server.DataFolder, "houses.csv");
        await File.WriteAllTextAsync(csvPath, HousesCsv(300), ct);
        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);

        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Browser.CreateWorkspaceAsync(page, "Prices");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-new").ClickAsync();
        await page.GetByTestId("dataset-name").FillAsync("Houses");
        await page.GetByTestId("dataset-save").ClickAsync();
        await page.GetByTestId("upload-input").SetInputFilesAsync(csvPath);
        await Assertions.Expect(page.GetByTestId("upload-row")).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 60_000 });
        await page.GetByTestId("import-target-column").FillAsync("price_k");
        await page.GetByTestId("import-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });

        await page.GetByTestId("dataset-train").ClickAsync();
        var dialog = page.GetByTestId("train-dialog");
        await Assertions.Expect(dialog.GetByTestId("train-reason")).ToContainTextAsync("regression");
        await dialog.GetByTestId("train-minutes").FillAsync("1");
        await page.GetByTestId("train-start").ClickAsync();
        await page.WaitForURLAsync(new Regex("/runs/"));
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 240_000 });

        // Results: R², predicted against actual for every validation row, and the 20 largest errors.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Results" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("results-r2")).ToBeVisibleAsync();
        var scatter = page.GetByTestId("scatter-chart");
        await Assertions.Expect(scatter).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("scatter-caption")).ToContainTextAsync("All 30 validation rows");
        await Assertions.Expect(scatter.GetByTestId("scatter-points")).ToHaveAttributeAsync("data-count", "30");
        await Assertions.Expect(scatter.GetByTestId("scatter-diagonal")).ToBeAttachedAsync();
        (await scatter.GetByTestId("scatter-hit").CountAsync()).ShouldBeGreaterThan(1);
        await Assertions.Expect(page.GetByTestId("largest-error")).ToHaveCountAsync(20);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("84-regression-results"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("85-regression-results-dark"), FullPage = true });

        // The worst row opens in its dataset, on the version the run trained on.
        var link = page.GetByTestId("largest-error-link").First;
        var href = await link.GetAttributeAsync("href");
        var itemId = Regex.Match(href!, "item=([0-9a-f-]{36})").Groups[1].Value;
        await link.ClickAsync();
        await page.WaitForURLAsync(new Regex("/datasets/.*version=1&item="));
        var item = page.GetByTestId("item-dialog");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-item-id", itemId);
        await Assertions.Expect(page.GetByTestId("item-dialog-cells")).ToContainTextAsync("price_k");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("86-regression-row-dark") });
        errors.ShouldBeEmpty();
    }

    /// <summary>Prices in thousands from area, rooms and district, with some noise: a line a small network learns quickly.</summary>
    private static string HousesCsv(int rows)
    {
        var random = new Random(5);
        string[] districts = ["north", "south", "harbor"];
        var csv = new StringBuilder("area,rooms,district,price_k\n");
        for (var i = 0; i < rows; i++)
        {
            var area = 40 + random.Next(160);
            var rooms = 1 + (area / 40) + random.Next(2);
            var district = random.Next(3);
            var price = (area * 2.5) + (rooms * 12) + (district * 40) + (random.NextDouble() * 30);
            csv.Append(CultureInfo.InvariantCulture, $"{area},{rooms},{districts[district]},{price:0.#}\n");
        }
        return csv.ToString();
    }
}
