namespace Platform.Api.Runs;

/// <summary>Largest-Triangle-Three-Buckets: keeps a chart's shape (peaks included) with far fewer points.</summary>
public static class Downsampling
{
    public static IReadOnlyList<MetricPointDto> Lttb(IReadOnlyList<MetricPointDto> points, int threshold)
    {
        if (threshold >= points.Count || threshold < 3) return points;
        var kept = new List<MetricPointDto>(threshold) { points[0] };
        var bucketSize = (double)(points.Count - 2) / (threshold - 2);
        var previous = 0;
        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            var start = (int)(bucket * bucketSize) + 1;
            var end = Math.Min((int)((bucket + 1) * bucketSize) + 1, points.Count - 1);
            var nextEnd = Math.Min((int)((bucket + 2) * bucketSize) + 1, points.Count);
            double avgX = 0, avgY = 0;
            var n = 0;
            for (var i = end; i < nextEnd; i++)
            {
                if (!double.IsFinite(points[i].Value)) continue;
                avgX += points[i].Step;
                avgY += points[i].Value;
                n++;
            }
            if (n > 0) { avgX /= n; avgY /= n; }
            var best = start;
            var bestArea = -1.0;
            for (var i = start; i < end; i++)
            {
                // A NaN or infinite value is always kept: it is the point a reader most needs to see.
                var area = double.IsFinite(points[i].Value)
                    ? Math.Abs(((points[previous].Step - avgX) * (points[i].Value - points[previous].Value))
                               - ((points[previous].Step - points[i].Step) * (avgY - points[previous].Value)))
                    : double.MaxValue;
                if (double.IsNaN(area)) area = 0;
                if (area > bestArea) { bestArea = area; best = i; }
            }
            kept.Add(points[best]);
            previous = best;
        }
        kept.Add(points[^1]);
        return kept;
    }
}
