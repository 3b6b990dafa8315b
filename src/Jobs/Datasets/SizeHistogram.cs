using Platform.Contracts;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Bins for the longest side of each image over the sizes the version actually has, so no empty bins pad the
/// chart: one bar when every image has the same size, round linear bins over a narrow range, powers of two over a
/// wide one (a few large images would otherwise leave most linear bins empty).
/// </summary>
public static class SizeHistogram
{
    private const int MaxLinearBins = 10;

    public static List<HistogramBinDto> Of(IReadOnlyCollection<int> sides)
    {
        if (sides.Count == 0) return [];
        var (min, max) = (sides.Min(), sides.Max());
        if (min == max) return [new HistogramBinDto($"{min} px", sides.Count)];
        var edges = max >= 4L * Math.Max(min, 1) ? PowersOfTwo(min, max) : Linear(min, max);
        var bins = new List<HistogramBinDto>();
        for (var b = 0; b < edges.Count - 1; b++)
        {
            var (low, high) = (edges[b], edges[b + 1] - 1);
            bins.Add(new HistogramBinDto(low == high ? $"{low} px" : $"{low}–{high} px", sides.Count(s => s >= low && s <= high)));
        }
        return bins;
    }

    private static List<int> Linear(int min, int max)
    {
        var width = NiceWidth((max - min + 1) / (double)MaxLinearBins);
        var edges = new List<int>();
        for (var edge = min / width * width; edge <= max; edge += width) edges.Add(edge);
        edges.Add(edges[^1] + width);
        return edges;
    }

    private static List<int> PowersOfTwo(int min, int max)
    {
        var edges = new List<int> { min < 1 ? 0 : 1 << (31 - int.LeadingZeroCount(min)) };
        while (edges[^1] <= max) edges.Add(Math.Max(1, edges[^1] * 2));
        return edges;
    }

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, … that is at least <paramref name="raw"/>.</summary>
    private static int NiceWidth(double raw)
    {
        for (var scale = 1; ; scale *= 10)
            foreach (var step in (int[])[1, 2, 5])
                if (step * scale >= raw) return step * scale;
    }
}
