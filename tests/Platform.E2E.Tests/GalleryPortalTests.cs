using System.Diagnostics;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Platform.E2E.Tests;

/// <summary>A person walks the sample's gallery with the keyboard, jumps to an item by number and mixes the classes, in both themes.</summary>
public sealed class GalleryPortalTests
{
    private const string AdminEmail = "gallery@example.com";
    private const string Password = "gallery-admin-42";

    [Fact]
    public async Task TheGalleryIsWalkedByKeyboardJumpedAndMixed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ServerProcess.StartWithAdminAsync(AdminEmail, Password, ct);
        await using var open = await Browser.OpenAsync();
        var (page, errors) = (open.Page, open.Errors);
        await Browser.SignInAsync(page, server.Address, AdminEmail, Password);
        await Browser.CreateWorkspaceAsync(page, "Gallery");
        errors.Clear(); // the portal's "who am I" probe before signing in answers 401 by design

        await page.GetByTestId("nav-datasets").ClickAsync();
        await page.GetByTestId("datasets-add-sample").ClickAsync();
        await page.WaitForURLAsync("**/datasets/*", new() { Timeout = 60_000 });
        var tiles = page.GetByTestId("gallery-item");
        await Assertions.Expect(tiles.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var columns = int.Parse((await page.GetByTestId("gallery").GetAttributeAsync("data-columns"))!);

        // Arrow keys move by one tile and by one row; End reaches the last item, which was never loaded; Home comes back.
        var focused = page.Locator("[data-testid=gallery-item]:focus");
        await tiles.First.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", "1");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", $"{1 + columns}");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", $"{columns}");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("90-gallery-keyboard-light") });
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", "299");
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", "0");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("item-dialog-position")).ToHaveTextAsync("2 of 300");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("item-dialog")).ToBeHiddenAsync();

        // Go to item #250: its tile is focused, and opening it says where it is.
        await page.GetByTestId("gallery-jump-input").FillAsync("250");
        var clock = Stopwatch.StartNew();
        await page.GetByTestId("gallery-jump-input").PressAsync("Enter");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", "249");
        Console.WriteLine($"Jump to item 250 of 300: {clock.ElapsedMilliseconds} ms until its tile had focus");
        await Assertions.Expect(focused.GetByTestId("file-name")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(@"\.png$"));
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.GetByTestId("item-dialog-position")).ToHaveTextAsync("250 of 300");
        await page.Keyboard.PressAsync("Escape");

        // Mixed: the first row shows every class; by path it shows one.
        (await FirstLabelsAsync(page, 3)).Distinct().Count().ShouldBe(1);
        await page.GetByTestId("gallery-order").ClickAsync();
        await page.GetByText("Mixed classes", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(tiles.Nth(1)).Not.ToHaveAttributeAsync("data-label", (await tiles.First.GetAttributeAsync("data-label"))!);
        (await FirstLabelsAsync(page, 3)).ShouldBe(["circle", "square", "triangle"]);
        await page.Mouse.MoveAsync(10, 10);
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("91-gallery-mixed-light") });

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(10, 10);
        await tiles.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(focused).ToHaveAttributeAsync("data-index", "2");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("92-gallery-mixed-dark") });
        await page.GetByTestId("tab-statistics").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stats-image-sizes")).ToContainTextAsync("Image sizes");
        await page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("93-statistics-dark") });
        // Every sample image is 64×64: one bar, not a row of empty bins around it.
        await page.GetByTestId("stats-image-sizes").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.GetByTestId("stats-image-sizes")).ToContainTextAsync("64 px");
        await page.GetByTestId("stats-image-sizes").ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Browser.ScreenshotPath("94-image-sizes-dark") });
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    private static async Task<List<string>> FirstLabelsAsync(IPage page, int count)
    {
        var labels = new List<string>();
        for (var i = 0; i < count; i++) labels.Add((await page.GetByTestId("gallery-item").Nth(i).GetAttributeAsync("data-label"))!);
        return labels;
    }
}
