using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A script logs a run with files through the tracking API; a person finds them on the run's page and downloads one.</summary>
public sealed class TrackingPortalTests
{
    private const string AdminEmail = "ada@example.com";
    private const string Password = "tracking-admin-42";

    [Fact]
    public async Task TheFilesOfALoggedRunAreListedAndDownloadedFromItsPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        var client = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Address });
        await client.SignInAsync(new SignInRequest(AdminEmail, Password), ct);
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest("Remote"), ct);
        var token = await client.CreateTokenAsync(new CreateApiTokenRequest("script", 1, workspace.Id), ct);
        var script = new PlatformClient(new HttpClient { BaseAddress = server.Address });
        script.UseToken(token.Secret);
        var experiment = await script.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest("remote"), ct);
        var run = await script.CreateTrackedRunAsync(workspace.Id, experiment.Id, new CreateTrackedRunRequest("with-files"), ct);
        await script.LogBatchAsync(workspace.Id, run.Id, new LogBatchRequest([.. Enumerable.Range(0, 50).Select(i => new MetricValueDto("loss", 1.0 / (i + 1), i))]), ct);
        var weights = new byte[3 * 1024 * 1024 + 5];
        new Random(7).NextBytes(weights);
        await script.PutRunArtifactAsync(workspace.Id, run.Id, "model/weights.bin", new MemoryStream(weights), ct);
        await script.PutRunArtifactAsync(workspace.Id, run.Id, "notes.txt", new MemoryStream("trained on the cluster\n"u8.ToArray()), ct);
        await script.EndRunAsync(workspace.Id, run.Id, new EndRunRequest(RunStatus.Succeeded), ct);
        var empty = await script.CreateTrackedRunAsync(workspace.Id, experiment.Id, new CreateTrackedRunRequest("no-files"), ct);

        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);
        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Remote");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        await page.GotoAsync(new Uri(server.Address, $"runs/{run.Id}").ToString());
        await page.GetByRole(AriaRole.Tab, new() { Name = "Artifacts" }).ClickAsync();
        var rows = page.GetByTestId("run-artifact");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var weightsRow = page.Locator("[data-testid=run-artifact][data-path='model/weights.bin']");
        await Assertions.Expect(weightsRow).ToContainTextAsync("3 MiB");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("80-run-artifacts") });

        var download = await page.RunAndWaitForDownloadAsync(() => weightsRow.GetByTestId("run-artifact-download").ClickAsync());
        download.SuggestedFilename.ShouldBe("weights.bin");
        var saved = Path.Combine(server.DataFolder, "downloaded.bin");
        await download.SaveAsAsync(saved);
        (await File.ReadAllBytesAsync(saved, ct)).ShouldBe(weights);

        await page.GotoAsync(new Uri(server.Address, $"runs/{empty.Id}").ToString());
        await page.WaitForURLAsync(new Regex($"/runs/{empty.Id}"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Artifacts" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-artifacts-empty")).ToBeVisibleAsync();
        errors.ShouldBeEmpty();
    }
}
