using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person sorts an experiment's runs by a metric, filters them, picks two and compares them side by side.</summary>
public sealed class RunComparePortalTests
{
    private const string AdminEmail = "grace@example.com";
    private const string Password = "compare-admin-42";

    // name, lr, final val_accuracy
    private static readonly (string Name, string Lr, double Accuracy)[] Sweep =
        [("lr-0.3", "0.3", 0.62), ("lr-0.1", "0.1", 0.91), ("lr-0.03", "0.03", 0.84), ("lr-0.01", "0.01", 0.71)];

    [Fact]
    public async Task RunsAreSortedByAMetricFilteredAndTwoAreCompared()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        var experimentId = await LogSweepAsync(server.Address, ct);

        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);

        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Sweeps");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        await page.GetByTestId("nav-experiments").ClickAsync();
        await page.GetByTestId("experiment-row").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/experiments/{experimentId}"));
        var rows = page.GetByTestId("run-row");
        await Assertions.Expect(rows).ToHaveCountAsync(Sweep.Length);

        // Sorted by validation accuracy, best first; a second click turns it around.
        var accuracyHeader = page.Locator("th[data-sort='metrics.val_accuracy']");
        await accuracyHeader.ClickAsync();
        await Assertions.Expect(accuracyHeader).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(rows.First).ToContainTextAsync("lr-0.1");
        await Assertions.Expect(rows.Last).ToContainTextAsync("lr-0.3");
        await accuracyHeader.ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("lr-0.3");
        await accuracyHeader.ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("lr-0.1");

        // A filter the server cannot read says why under the box; a good one narrows the table.
        var filter = page.GetByTestId("runs-filter");
        await filter.FillAsync("metrics.val_accuracy >> 0.8");
        await filter.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("neither a number nor a quoted string")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("70-runs-filter-error") });
        errors.RemoveAll(e => e.Contains("400 (Bad Request)")); // the browser logs the refused filter's answer
        await filter.FillAsync("metrics.val_accuracy > 0.8");
        await filter.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("neither a number nor a quoted string")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("71-runs-sorted-filtered") });

        // The chosen columns are remembered across a reload.
        await page.GetByTestId("runs-columns").ClickAsync();
        await page.Locator("[data-testid=runs-column][data-column='param lr']").ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("th[data-sort='params.lr']")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("th[data-sort='params.lr']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(Sweep.Length);

        // Two runs picked and compared: lr differs (first, highlighted), the batch size does not.
        var compare = page.GetByTestId("runs-compare");
        await Assertions.Expect(compare).ToBeDisabledAsync();
        await rows.Filter(new() { HasText = "lr-0.1" }).Locator("input[type=checkbox]").ClickAsync();
        await rows.Filter(new() { HasText = "lr-0.01" }).Locator("input[type=checkbox]").ClickAsync();
        await Assertions.Expect(compare).ToContainTextAsync("Compare (2)");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("72-runs-selected") });
        await compare.ClickAsync();
        await page.WaitForURLAsync(new Regex("/compare\\?runs="));

        var paramRows = page.GetByTestId("compare-param-row");
        await Assertions.Expect(paramRows.First).ToHaveAttributeAsync("data-param", "lr");
        await Assertions.Expect(paramRows.First).ToHaveAttributeAsync("data-differs", "true");
        await Assertions.Expect(page.Locator("[data-testid=compare-param-row][data-param=batch_size]")).ToHaveAttributeAsync("data-differs", "false");
        var accuracyChart = page.Locator("[data-testid=metric-chart][data-metric=val_accuracy]");
        await Assertions.Expect(accuracyChart.Locator("polyline")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=metric-chart][data-metric=train_loss] polyline")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=compare-value-row][data-label=val_accuracy]")).ToContainTextAsync("0.91");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("73-compare"), FullPage = true });

        await page.GetByLabel("Only differences").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=compare-param-row][data-param=batch_size]")).ToHaveCountAsync(0);
        await Assertions.Expect(paramRows).ToHaveCountAsync(1);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("74-compare-dark"), FullPage = true });
        await page.GoBackAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(Sweep.Length);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("75-runs-dark") });
        errors.ShouldBeEmpty();
    }

    /// <summary>Logs a small learning-rate sweep through the MLflow routes with a workspace token; returns the experiment's id.</summary>
    private static async Task<Guid> LogSweepAsync(Uri address, CancellationToken ct)
    {
        var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new PlatformClient(new HttpClient(handler) { BaseAddress = address });
        await client.SignInAsync(new SignInRequest(AdminEmail, Password), ct);
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest("Sweeps"), ct);
        var token = await client.CreateTokenAsync(new CreateApiTokenRequest("mlflow", 1, workspace.Id), ct);
        using var mlflow = new HttpClient { BaseAddress = new Uri(address, "api/2.0/mlflow/") };
        mlflow.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);

        async Task<JsonNode> Post(string route, object body)
        {
            using var response = await mlflow.PostAsJsonAsync(route, body, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            return JsonNode.Parse(text)!;
        }

        var experiment = (await Post("experiments/create", new { name = "lr-sweep" }))["experiment_id"]!.GetValue<string>();
        foreach (var (name, lr, accuracy) in Sweep)
        {
            var run = (await Post("runs/create", new { experiment_id = experiment, run_name = name, start_time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }))
                ["run"]!["info"]!["run_id"]!.GetValue<string>();
            var metrics = Enumerable.Range(1, 20).SelectMany(step => new object[]
            {
                new { key = "val_accuracy", value = accuracy * (1 - Math.Exp(-step / 4.0)), timestamp = step * 1000L, step },
                new { key = "train_loss", value = 2.0 * Math.Exp(-step * double.Parse(lr, System.Globalization.CultureInfo.InvariantCulture)) + 0.1, timestamp = step * 1000L, step },
            }).ToArray();
            await Post("runs/log-batch", new { run_id = run, metrics, @params = new[] { new { key = "lr", value = lr }, new { key = "batch_size", value = "64" } } });
            // The last point carries the exact final accuracy.
            await Post("runs/log-metric", new { run_id = run, key = "val_accuracy", value = accuracy, timestamp = 21_000L, step = 21 });
            await Post("runs/update", new { run_id = run, status = "FINISHED" });
        }
        return Guid.Parse(experiment);
    }
}
