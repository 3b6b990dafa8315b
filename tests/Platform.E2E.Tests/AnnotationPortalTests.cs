using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Contracts;
using Shouldly;
using SkiaSharp;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>
/// A person brings loose photos, makes a labeling project, labels with the keyboard only, sends one item back as a
/// reviewer and sees it return with the comment, draws and resizes a box with the mouse, and makes a new version.
/// </summary>
public sealed class AnnotationPortalTests
{
    private const string AdminEmail = "ann@example.com";
    private const string Password = "annotation-admin-42";

    [Fact]
    public async Task PhotosAreLabeledByKeyboardReviewedBoxedAndBecomeANewVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        var zipPath = Path.Combine(server.DataFolder, "photos.zip");
        WritePhotos(zipPath, 4);
        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);
        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Browser.CreateWorkspaceAsync(page, "Labeling");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        // Loose photos import as an unlabeled set.
        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-new").ClickAsync();
        await page.GetByTestId("dataset-name").FillAsync("Photos");
        await page.GetByTestId("dataset-save").ClickAsync();
        await page.GetByTestId("upload-input").SetInputFilesAsync(zipPath);
        await Assertions.Expect(page.GetByTestId("upload-row")).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 60_000 });
        await page.GetByTestId("import-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-operation")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });

        // Annotation starts empty and says what a project is.
        await page.GetByTestId("nav-annotation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("annotation-projects-empty")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C0-annotation-empty") });
        await CreateProjectAsync(page, "Pets", ["cat", "dog"], boxes: false);
        await Assertions.Expect(page.GetByTestId("progress-open")).ToHaveAttributeAsync("data-count", "4");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C1-project-page") });

        // Keyboard only: 1, 2, 1, 2 — each key saves and moves on; the batch ends with "all done".
        await page.GetByTestId("start-labeling").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-position")).ToHaveAttributeAsync("data-position", "1");
        await Assertions.Expect(page.GetByTestId("task-image")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C2-labeling") });
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByTestId("shortcut-sheet")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C3-shortcuts") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("shortcut-sheet")).ToBeHiddenAsync();
        for (var i = 1; i <= 4; i++)
        {
            await Assertions.Expect(page.GetByTestId("task-position")).ToHaveAttributeAsync("data-position", i.ToString());
            await page.Keyboard.PressAsync(i % 2 == 1 ? "1" : "2");
            await Assertions.Expect(page.GetByTestId("save-state")).ToHaveAttributeAsync("data-state", "saved");
            await Assertions.Expect(page.Locator($"[data-testid=label-button][data-hotkey='{(i % 2 == 1 ? 1 : 2)}']")).ToHaveAttributeAsync("data-selected", "true");
            await page.Keyboard.PressAsync("Enter");
        }
        await Assertions.Expect(page.GetByTestId("all-done")).ToBeVisibleAsync();

        // A reviewer sends the second photo back with a comment.
        await page.GotoAsync(page.Url.Replace("/label", "/review"));
        var item = page.GetByTestId("review-item");
        await Assertions.Expect(item).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.GetByTestId("review-item")).Not.ToHaveAttributeAsync("data-task-id", (await item.GetAttributeAsync("data-task-id"))!);
        await page.GetByTestId("review-reject").ClickAsync();
        await page.GetByTestId("review-comment-field").FillAsync("The second one is a cat.");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C4-review-reject") });
        await page.GetByTestId("review-confirm-reject").ClickAsync();

        // It returns to its annotator first, with the comment; fixing it is one key.
        await page.GotoAsync(page.Url.Replace("/review", "/label"));
        await Assertions.Expect(page.GetByTestId("review-comment")).ToContainTextAsync("The second one is a cat.");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C5-rejected-returns") });
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveAttributeAsync("data-state", "saved");
        await page.GotoAsync(page.Url.Replace("/label", ""));
        await Assertions.Expect(page.GetByTestId("progress-accepted")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.GetByTestId("progress-annotated")).ToHaveAttributeAsync("data-count", "3");
        await Assertions.Expect(page.GetByTestId("annotator-row")).ToHaveAttributeAsync("data-email", AdminEmail);

        // Boxes with the mouse: draw one, then drag its corner to make it larger.
        await page.GetByTestId("nav-annotation").ClickAsync();
        await CreateProjectAsync(page, "Pet boxes", ["pet"], boxes: true);
        await page.GetByTestId("start-labeling").ClickAsync();
        var canvas = page.GetByTestId("annotation-canvas");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-image-loaded", "true");
        await DragAsync(page, (10, 10), (40, 30));
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-box-count", "1");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveAttributeAsync("data-state", "saved");
        var drawn = await BoxAsync(page);
        await DragAsync(page, (drawn.X + drawn.Width, drawn.Y + drawn.Height), (70, 50));
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveAttributeAsync("data-state", "saved");
        var resized = await BoxAsync(page);
        resized.X.ShouldBe(drawn.X, 1.5);
        resized.Y.ShouldBe(drawn.Y, 1.5);
        resized.Width.ShouldBeGreaterThan(drawn.Width + 20);
        resized.Height.ShouldBeGreaterThan(drawn.Height + 10);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C6-boxes") });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(5, 700); // away from the toggle, so its tooltip closes
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("C6-boxes-dark") });

        // The first project's labels become version 2 of the dataset.
        await page.GetByTestId("nav-annotation").ClickAsync();
        await page.Locator("[data-testid=annotation-project-row][data-project-name='Pets']").GetByTestId("annotation-project-link").ClickAsync();
        await page.GetByTestId("create-version").ClickAsync();
        await page.GetByTestId("finish-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("finish-message")).ToContainTextAsync("4 labeled (1 accepted, 3 not reviewed)", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C7-new-version-dark") });
        await page.GetByTestId("finish-close").ClickAsync();

        // Retrain: the labels so far become version 3 and a training run starts on it, linked from the dialog and the page.
        await page.GetByTestId("retrain").ClickAsync();
        await page.GetByTestId("retrain-minutes").FillAsync("1");
        await page.GetByTestId("retrain-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("retrain-message")).ToContainTextAsync("Training run", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("retrain-run-link")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C7-retrain-dark") });
        await page.GetByTestId("retrain-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("retrain-status")).ToBeVisibleAsync();
        await page.GetByTestId("project-last-version-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/datasets/"));
        await page.GetByTestId("nav-annotation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("annotation-project-row")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C8-projects-dark") });

        // Overlap: every photo labeled by this person and by a colleague (through the API), and their agreement shown.
        await CreateProjectAsync(page, "Pets twice", ["cat", "dog"], boxes: false, overlap: 2);
        await Assertions.Expect(page.GetByTestId("project-overlap")).ToBeVisibleAsync();
        await page.GetByTestId("start-labeling").ClickAsync();
        for (var i = 1; i <= 4; i++)
        {
            await Assertions.Expect(page.GetByTestId("task-position")).ToHaveAttributeAsync("data-position", i.ToString());
            await page.Keyboard.PressAsync(i % 2 == 1 ? "1" : "2");
            await Assertions.Expect(page.GetByTestId("save-state")).ToHaveAttributeAsync("data-state", "saved");
            await page.Keyboard.PressAsync("Enter");
        }
        await Assertions.Expect(page.GetByTestId("all-done")).ToBeVisibleAsync();
        await LabelAsColleagueAsync(server.Address, "Pets twice", ["cat", "cat", "cat", "dog"], ct);
        await page.GotoAsync(page.Url.Replace("/label", ""));
        // Photos 1, 3 and 4 agree, photo 2 does not: P̄ = 3/4, p_e = 34/64, Fleiss' κ = 0.467.
        await Assertions.Expect(page.GetByTestId("agreement-overall")).ToHaveAttributeAsync("data-value", "0.467");
        await Assertions.Expect(page.GetByTestId("agreement-annotator")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C9-agreement-dark"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(5, 700);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("C9-agreement"), FullPage = true });
        errors.ShouldBeEmpty();
    }

    /// <summary>A second account joins as an annotator and labels its batch of the project, in item order.</summary>
    private static async Task LabelAsColleagueAsync(Uri server, string projectName, string[] labels, CancellationToken ct)
    {
        var admin = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server });
        await admin.SignInAsync(new SignInRequest(AdminEmail, Password), ct);
        var ws = (await admin.ListWorkspacesAsync(ct: ct)).Items.Single(w => w.Name == "Labeling").Id;
        var project = (await admin.ListAnnotationProjectsAsync(ws, ct: ct)).Items.Single(p => p.Name == projectName);
        await admin.RegisterUserAsync(new RegisterUserRequest("bo@example.com", "colleague-pass-7", "Bo"), ct);
        await admin.AddMemberAsync(ws, new AddMemberRequest("bo@example.com", WorkspaceRole.Annotator), ct);
        var bo = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server });
        await bo.SignInAsync(new SignInRequest("bo@example.com", "colleague-pass-7"), ct);
        await bo.AcceptInvitationAsync(ws, ct);
        var tasks = (await bo.NextAnnotationTasksAsync(ws, project.Id, null, ct)).OrderBy(t => t.Ordinal).ToList();
        tasks.Count.ShouldBe(labels.Length);
        for (var i = 0; i < tasks.Count; i++)
            await bo.SaveAnnotationAsync(ws, project.Id, tasks[i].Id, new SaveAnnotationRequest(project.Labels.Single(l => l.Name == labels[i]).Id), ct);
    }

    private static async Task CreateProjectAsync(IPage page, string name, string[] labels, bool boxes, int overlap = 1)
    {
        await page.GetByTestId("annotation-new-project").First.ClickAsync();
        var dialog = page.GetByTestId("new-project-dialog");
        await dialog.GetByTestId("new-project-name").FillAsync(name);
        await PickAsync(page, dialog.GetByTestId("new-project-dataset"), "Photos");
        await PickAsync(page, dialog.GetByTestId("new-project-version"), "v1");
        if (boxes) await PickAsync(page, dialog.GetByTestId("new-project-kind"), "Object detection");
        foreach (var label in labels)
        {
            await dialog.GetByTestId("label-add-name").FillAsync(label);
            await dialog.GetByTestId("label-add").ClickAsync();
        }
        await dialog.GetByTestId("new-project-instructions").FillAsync("Label the animal in the middle.");
        if (overlap > 1)
        {
            await dialog.GetByTestId("new-project-advanced").ClickAsync();
            await dialog.GetByTestId("new-project-overlap").FillAsync(overlap.ToString());
        }
        if (!boxes) await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("C0-new-project") });
        await page.GetByTestId("new-project-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("start-labeling")).ToBeVisibleAsync();
    }

    private static async Task PickAsync(IPage page, ILocator select, string text)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = text }).First.ClickAsync();
    }

    /// <summary>A mouse drag between two points in the image's own pixels.</summary>
    private static async Task DragAsync(IPage page, (double X, double Y) from, (double X, double Y) to)
    {
        var start = await PointAsync(page, from);
        var end = await PointAsync(page, to);
        await page.Mouse.MoveAsync((float)start.X, (float)start.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)((start.X + end.X) / 2), (float)((start.Y + end.Y) / 2), new() { Steps = 4 });
        await page.Mouse.MoveAsync((float)end.X, (float)end.Y, new() { Steps = 4 });
        await page.Mouse.UpAsync();
    }

    private static async Task<(double X, double Y)> PointAsync(IPage page, (double X, double Y) image)
    {
        var point = await page.EvaluateAsync<JsonElement>($"() => window.annotationCanvasPoint({image.X}, {image.Y})");
        return (point.GetProperty("x").GetDouble(), point.GetProperty("y").GetDouble());
    }

    private static async Task<(double X, double Y, double Width, double Height)> BoxAsync(IPage page)
    {
        var box = (await page.EvaluateAsync<JsonElement>("() => window.annotationCanvasState()")).GetProperty("boxes")[0];
        return (box.GetProperty("x").GetDouble(), box.GetProperty("y").GetDouble(), box.GetProperty("width").GetDouble(), box.GetProperty("height").GetDouble());
    }

    private static void WritePhotos(string path, int count)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        for (var i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(96, 64);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(new SKColor(230, 230, 230));
                using var paint = new SKPaint { Color = i % 2 == 0 ? SKColors.DarkOrange : SKColors.SaddleBrown, IsAntialias = true };
                canvas.DrawCircle(48, 32, 14 + i * 2, paint);
            }
            using var image = SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var entry = zip.CreateEntry($"pet-{i + 1}.png").Open();
            png.SaveTo(entry);
        }
    }
}
