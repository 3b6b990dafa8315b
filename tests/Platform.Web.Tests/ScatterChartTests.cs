using System.Globalization;
using Platform.Web.Components.Charts;

namespace Platform.Web.Tests;

public class ScatterChartTests : BunitContext
{
    private static readonly ScatterPoint[] Three = [new(0, 1, "a"), new(10, 9, "b"), new(5, 5, "c")];

    private static (double X, double Y)[] Segments(AngleSharp.Dom.IElement path) =>
        path.GetAttribute("d")!.Split('M', StringSplitOptions.RemoveEmptyEntries).Select(s =>
        {
            s.ShouldEndWith("h0");
            var xy = s[..^2].Split(' ');
            return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        }).ToArray();

    [Fact]
    public void EachPointIsASegmentOfOnePathOnEqualAxesWithTheDiagonalCornerToCorner()
    {
        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, Three));

        var path = cut.Find("[data-testid=scatter-points]");
        path.GetAttribute("data-count").ShouldBe("3");
        var segments = Segments(path);
        segments.Length.ShouldBe(3);
        var diagonal = cut.Find("[data-testid=scatter-diagonal]");
        double Attr(string name) => double.Parse(diagonal.GetAttribute(name)!, CultureInfo.InvariantCulture);
        (Attr("x2") - Attr("x1")).ShouldBe(Attr("y1") - Attr("y2"), 0.2); // a square plot: the same scale on both axes
        // (5, 5) is a perfect prediction: it lies on the diagonal; (0, 1) lies above it, (10, 9) below.
        var slope = (Attr("y2") - Attr("y1")) / (Attr("x2") - Attr("x1"));
        double LineY(double x) => Attr("y1") + ((x - Attr("x1")) * slope);
        segments[2].Y.ShouldBe(LineY(segments[2].X), 0.2);
        segments[0].Y.ShouldBeLessThan(LineY(segments[0].X));
        segments[1].Y.ShouldBeGreaterThan(LineY(segments[1].X));

        cut.FindAll("[data-testid=scatter-hit] title").Select(t => t.TextContent).ShouldBe(["a", "b", "c"], ignoreOrder: true);
        var texts = cut.FindAll("text").Select(t => t.TextContent).ToList();
        texts.ShouldContain("0");
        texts.ShouldContain("10");
        texts.ShouldContain("Actual →");
        texts.ShouldContain("↑ Predicted");
    }

    [Fact]
    public void PointsInTheSameCellShareOneTooltipThatCountsThem()
    {
        var crowd = Enumerable.Range(0, 1000).Select(i => new ScatterPoint(5 + (i * 1e-6), 5, $"row {i}"));
        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, [.. crowd, new ScatterPoint(100, 90, "far")]));

        var tips = cut.FindAll("[data-testid=scatter-hit] title").Select(t => t.TextContent).ToList();
        tips.Count.ShouldBe(2);
        tips.ShouldContain("far");
        tips.ShouldContain("1000 points here:\nrow 0\nrow 1\nrow 2\n… and 997 more");
    }

    [Fact]
    public void ThousandsOfPointsAreOnePathWithFarFewerTooltipTargets()
    {
        var points = Enumerable.Range(0, 5000).Select(i => new ScatterPoint(i, i + ((i % 7) - 3) * 10, $"row {i}")).ToList();
        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, points));

        cut.FindAll("path").Count.ShouldBe(2); // the points and the (empty) highlight
        Segments(cut.Find("[data-testid=scatter-points]")).Length.ShouldBe(5000);
        cut.FindAll("[data-testid=scatter-hit]").Count.ShouldBeInRange(60, 1000);
    }

    [Fact]
    public void HighlightedPointsAreDrawnOverTheOthersWithoutASecondTooltip()
    {
        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, Three).Add(c => c.Highlighted, [Three[0], new ScatterPoint(2, 8, "off")]));

        var highlight = Segments(cut.Find("[data-testid=scatter-highlight]"));
        highlight.Length.ShouldBe(2);
        highlight[0].ShouldBe(Segments(cut.Find("[data-testid=scatter-points]"))[0]);
        cut.FindAll("[data-testid=scatter-hit] title").Select(t => t.TextContent).ShouldBe(["a", "b", "c", "off"], ignoreOrder: true);
    }

    [Fact]
    public void TheSameListsAreNotRenderedAgainButNewOnesAre()
    {
        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, Three));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Points, Three));
        cut.RenderCount.ShouldBe(renders);

        cut.Render(p => p.Add(c => c.Points, Three[..2]));
        cut.RenderCount.ShouldBe(renders + 1);
        Segments(cut.Find("[data-testid=scatter-points]")).Length.ShouldBe(2);
    }

    [Fact]
    public void NoPointsDrawsTheEmptyFrameOnly()
    {
        var cut = Render<ScatterChart>(p => p.Add(c => c.Points, []));

        cut.FindAll("[data-testid=scatter-points]").ShouldBeEmpty();
        cut.FindAll("[data-testid=scatter-diagonal]").ShouldBeEmpty();
        cut.Find("svg").GetAttribute("aria-label").ShouldBe("Predicted against Actual: 0 points");
    }
}
