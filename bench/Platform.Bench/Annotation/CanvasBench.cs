using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Bench.Foundation;

namespace Platform.Bench.Annotation;

/// <summary>
/// annotation-canvas: the labeling screen's box canvas (wwwroot/js/annotation-canvas.js) in Debian's headless Chromium,
/// served by the real embedded server: the time to draw an image with N boxes, and the frame time of 60 pans and zooms,
/// against the same canvas with no boxes in the same run. A frame under 16.7 ms keeps 60 frames a second.
/// </summary>
internal static class CanvasBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var counts = new[] { 0, 1_000, BenchOptions.Count(options, "--boxes", 5_000) };
        using var folder = new TempFolder();
        await using var server = ServerInstance.Start(folder.Path, new Dictionary<string, string>());
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        await page.GotoAsync(server.Address.ToString());

        var results = new List<(int Boxes, double Render, double Average, double P95)>();
        foreach (var count in counts)
        {
            await Measure(page, count); // a warm-up run, so the first one does not pay for compiling the script
            results.Add(await Measure(page, count));
        }
        var baseline = results[0];
        BenchTable.Print([.. results.SelectMany(r => new BenchRow[]
        {
            new($"draw an image with {r.Boxes:N0} boxes", Math.Round(r.Render, 1), "ms", "1280×800 canvas, 1920×1080 image, software rendering"),
            new($"pan/zoom frame, {r.Boxes:N0} boxes", Math.Round(r.P95, 1), "ms p95",
                $"average {r.Average:0.0} ms; {r.P95 / Math.Max(0.1, baseline.P95):0.0}× the empty canvas (goal: under 16.7 ms, 60 frames a second)"),
        })]);
        var last = results[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"canvas_boxes={last.Boxes} canvas_render_ms={last.Render:0.0} canvas_frame_p95_ms={last.P95:0.0} canvas_frame_avg_ms={last.Average:0.0}"));
        return 0;
    }

    private static async Task<(int, double, double, double)> Measure(IPage page, int boxes)
    {
        var result = await page.EvaluateAsync<JsonElement>($"async () => (await import('/js/annotation-canvas.js')).benchmark({boxes})");
        return (boxes, result.GetProperty("renderMs").GetDouble(), result.GetProperty("frameMsAvg").GetDouble(), result.GetProperty("frameMsP95").GetDouble());
    }
}
