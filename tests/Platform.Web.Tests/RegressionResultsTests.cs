using MudBlazor.Services;
using Platform.Contracts;
using Platform.Web.Pages.Runs;

namespace Platform.Web.Tests;

public class RegressionResultsTests : BunitContext
{
    private static readonly Guid DatasetId = Guid.NewGuid();

    public RegressionResultsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static RunDto Run() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Default", "run", RunSource.Training, RunStatus.Succeeded,
        DateTimeOffset.UtcNow, null, null, null, "tabular-regression", null, new RunDatasetDto(DatasetId, "houses", 3, Guid.NewGuid()), 1, "cpu",
        null, null, null, 1, 1, 10, 2, null, null, null, true, 100, true, 0.9, false);

    private static EvaluationDto Evaluation(int count, IReadOnlyList<RegressionPointDto> points, IReadOnlyList<RegressionPointDto> largest) =>
        new("tabular-regression", "test", count, null, [], [], [], 1, 1.5, 0.9) { Points = points, LargestErrors = largest };

    [Fact]
    public void TheLargestErrorsOpenTheirRowInItsDatasetVersion()
    {
        var row = Guid.NewGuid();
        RegressionPointDto worst = new(row.ToString(), 10, 14.5f), good = new(Guid.NewGuid().ToString(), 3, 2.75f);
        var cut = Render<RegressionResults>(p => p.Add(c => c.Evaluation, Evaluation(2, [good, worst], [worst, good])).Add(c => c.Run, Run()));

        var rows = cut.FindAll("[data-testid=largest-error]");
        rows.Count.ShouldBe(2);
        rows[0].TextContent.ShouldContain("…" + row.ToString()[^8..]);
        rows[0].QuerySelectorAll("td").Skip(1).Select(td => td.TextContent.Trim()).ShouldBe(["10.00", "14.50", "+4.50"]); // four significant digits for values up to 10
        rows[1].QuerySelectorAll("td").Last().TextContent.Trim().ShouldBe("-0.25");
        cut.Find("[data-testid=scatter-hit] title").TextContent.ShouldStartWith("Row …");
        cut.Find("[data-testid=largest-error-link]").GetAttribute("href").ShouldBe($"/datasets/{DatasetId}?version=3&item={row}");
        cut.Find("[data-testid=scatter-caption]").TextContent.ShouldStartWith("All 2 test rows");
        cut.Find("[data-testid=scatter-points]").GetAttribute("data-count").ShouldBe("2");
        cut.Find("[data-testid=scatter-highlight]").GetAttribute("data-count").ShouldBe("2");
    }

    [Fact]
    public void ASampledScatterSaysHowManyRowsItShows()
    {
        var points = Enumerable.Range(0, 2000).Select(i => new RegressionPointDto(Guid.NewGuid().ToString(), i, i + 1)).ToList();
        var cut = Render<RegressionResults>(p => p.Add(c => c.Evaluation, Evaluation(12_345, points, points[..20])).Add(c => c.Run, Run()));

        cut.Find("[data-testid=scatter-caption]").TextContent.ShouldStartWith("2,000 of the 12,345 test rows, spread evenly over the actual values");
    }
}
