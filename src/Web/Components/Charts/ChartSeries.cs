using Platform.Contracts;

namespace Platform.Web.Components.Charts;

/// <summary>One line of a chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<MetricPointDto> Points);

/// <summary>Scales, ticks and smoothing for the SVG charts (no drawing here).</summary>
public static class ChartMath
{
    /// <summary>TensorBoard's smoothing: an exponential moving average, debiased so the start is not pulled to zero.</summary>
    public static IReadOnlyList<(double X, double Y)> Smooth(IReadOnlyList<(double X, double Y)> points, double weight)
    {
        if (weight <= 0) return points;
        var result = new List<(double, double)>(points.Count);
        double last = 0;
        var count = 0;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(y)) { result.Add((x, y)); continue; }
            last = (last * weight) + ((1 - weight) * y);
            count++;
            result.Add((x, last / (1 - Math.Pow(weight, count))));
        }
        return result;
    }

    /// <summary>About <paramref name="count"/> round tick values covering [min, max].</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count)
    {
        if (!(max > min)) return [min];
        var raw = (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step) * step; t <= max + (step * 1e-9); t += step) ticks.Add(Math.Round(t, 12));
        return ticks;
    }

    /// <summary>An SVG coordinate, invariant and to a tenth of a pixel.</summary>
    public static string Px(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// An SVG text element, written as markup because Razor reserves &lt;text&gt;; <paramref name="text"/> is encoded.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString SvgText(double x, double y, string anchor, string text) =>
        new($"<text x=\"{Px(x)}\" y=\"{Px(y)}\" text-anchor=\"{anchor}\" class=\"chart-tick\">{System.Net.WebUtility.HtmlEncode(text)}</text>");

    public static string Label(double value)
    {
        var abs = Math.Abs(value);
        return abs == 0 ? "0"
            : abs >= 10_000 || abs < 0.001 ? value.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString(abs >= 100 ? "0" : abs >= 1 ? "0.##" : "0.####", System.Globalization.CultureInfo.InvariantCulture);
    }
}
