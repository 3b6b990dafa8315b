using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>
/// The portal reads a file for its SHA-256 before uploading it and declares it, so the server verifies what it stored:
/// an upload whose declared hash is wrong is refused and can be retried, and a resumed upload is not read again.
/// </summary>
public sealed partial class UploadVerificationPortalTests
{
    private const string AdminEmail = "mei@example.com";
    private const string Password = "uploads-admin-42";
    private const int MiB = 1024 * 1024;
    private const string WrongSha256 = "0000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public async Task AnUploadDeclaresTheFilesSha256IsRefusedWhenDamagedAndResumesAfterAReloadWithoutHashingAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartAsync(ct, new Dictionary<string, string>
        {
            ["Platform__Admin__Email"] = AdminEmail,
            ["Platform__Admin__Password"] = Password,
        });
        var bytes = new byte[12 * MiB]; // two 8 MiB chunks, and two 8 MiB pieces read for the hash
        new Random(7).NextBytes(bytes);
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var filePath = Path.Combine(server.DataFolder, "sensor-log.bin");
        await File.WriteAllBytesAsync(filePath, bytes, ct);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 850 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            // The refused upload (422) and the blocked chunk are meant to fail; anything else is a fault.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(m.Text);
        };

        await page.GotoAsync(server.Address + "sign-in");
        await page.GetByTestId("signin-email").FillAsync(AdminEmail);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.GetByTestId("new-workspace-name").FillAsync("Sensors");
        await page.GetByTestId("create-workspace").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Workspace" })).ToHaveValueAsync("Sensors");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design
        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-new").ClickAsync();
        await page.GetByTestId("dataset-name").FillAsync("Logs");
        await page.GetByTestId("dataset-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-input")).ToBeAttachedAsync();

        // Every upload the portal creates is seen here; the first one's declared SHA-256 is replaced by a wrong one,
        // as if the file had been damaged on the way. The second chunk can be blocked, like a cut connection.
        var declared = new List<string?>();
        string? workspaceId = null;
        var blockSecondChunk = false;
        await page.RouteAsync(UploadsUrl(), async route =>
        {
            if (route.Request.Method != "POST") { await route.ContinueAsync(); return; }
            var body = JsonNode.Parse(route.Request.PostData!)!.AsObject();
            lock (declared)
            {
                declared.Add(body["sha256"]?.GetValue<string>());
                workspaceId = UploadsUrl().Match(route.Request.Url).Groups[1].Value;
                if (declared.Count == 1) body["sha256"] = WrongSha256;
            }
            await route.ContinueAsync(new() { PostData = JsonSerializer.SerializeToUtf8Bytes(body) });
        });
        await page.RouteAsync(SecondChunkUrl(), async route =>
        {
            if (Volatile.Read(ref blockSecondChunk)) await route.AbortAsync();
            else await route.ContinueAsync();
        });

        // The file is read for its hash first, with progress: hold the second 8 MiB piece to see it.
        await page.EvaluateAsync("""
            () => {
                const read = Blob.prototype.arrayBuffer;
                let calls = 0;
                const held = new Promise(resolve => window.testReleaseHash = resolve);
                Blob.prototype.arrayBuffer = function () {
                    calls++;
                    if (calls === 2) return held.then(() => read.call(this));
                    if (calls > 2) Blob.prototype.arrayBuffer = read;
                    return read.call(this);
                };
            }
            """);
        await page.GetByTestId("upload-input").SetInputFilesAsync(filePath);
        var row = page.GetByTestId("upload-row");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Hashing");
        await Assertions.Expect(row.GetByTestId("upload-stats")).ToHaveTextAsync("checking file… 67 %");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("40-upload-hashing") });
        await page.EvaluateAsync("() => window.testReleaseHash()");

        // The server finds the stored bytes do not match the (tampered) declared hash: the portal says so and offers Retry.
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 60_000 });
        await Assertions.Expect(row.GetByTestId("upload-message")).ToHaveTextAsync(
            "The file was damaged on the way: what the server received does not match the file's SHA-256, so the server removed it. Retry to upload it again.");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("41-upload-damaged") });
        declared.ShouldBe([expected]);

        // Retry reads the file again, declares its real hash, and this time the connection drops after the first chunk.
        Volatile.Write(ref blockSecondChunk, true);
        await row.GetByTestId("upload-retry").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Retrying", new() { Timeout = 60_000 });
        declared.ShouldBe([expected, expected]);

        // The browser reloads; picking the same file again resumes the same upload from 8 MiB without hashing it again.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("upload-input")).ToBeAttachedAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("""
            () => {
                window.testHashCalls = 0;
                const hash = window.platformUpload.hash;
                window.platformUpload.hash = (...args) => { window.testHashCalls++; return hash(...args); };
            }
            """);
        Volatile.Write(ref blockSecondChunk, false);
        var resumedAt = new List<string>();
        page.Request += (_, r) => { if (r.Method == "PUT") lock (resumedAt) resumedAt.Add(r.Url); };
        await page.GetByTestId("upload-input").SetInputFilesAsync(filePath);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 60_000 });
        await Assertions.Expect(row.GetByTestId("upload-stats")).ToHaveTextAsync("uploaded · verified");
        (await page.EvaluateAsync<int>("() => window.testHashCalls")).ShouldBe(0);
        declared.Count.ShouldBe(2);
        resumedAt.ShouldHaveSingleItem().ShouldEndWith("offset=" + 8 * MiB);

        // The stored upload, read through the API as the same user, carries the SHA-256 this test computed.
        var uploadId = await row.GetAttributeAsync("data-upload-id");
        var response = await context.APIRequest.GetAsync($"{server.Address}api/workspaces/{workspaceId}/uploads/{uploadId}");
        response.Status.ShouldBe(200);
        var upload = (await response.JsonAsync())!.Value;
        upload.GetProperty("state").GetString().ShouldBe("Complete");
        upload.GetProperty("sha256").GetString().ShouldBe(expected);
        upload.GetProperty("size").GetInt64().ShouldBe(bytes.Length);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(600, 740); // away from the toggle, so its tooltip closes
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("42-upload-verified-dark") });
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    [GeneratedRegex(@"/api/workspaces/([0-9a-f-]{36})/uploads$")]
    private static partial Regex UploadsUrl();

    [GeneratedRegex(@"/uploads/[0-9a-f-]{36}/content\?offset=8388608$")]
    private static partial Regex SecondChunkUrl();
}
