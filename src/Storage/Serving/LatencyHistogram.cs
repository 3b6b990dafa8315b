namespace Platform.Storage.Serving;

/// <summary>
/// Latencies counted in buckets that grow by a quarter each (0.1 ms to about 2 minutes): small to store per minute,
/// mergeable across processes, and percentiles within a few percent.
/// </summary>
public static class LatencyHistogram
{
    private const double Smallest = 0.1;
    private const double Growth = 1.25;
    public const int Buckets = 64;

    public static int BucketOf(double milliseconds) =>
        milliseconds <= Smallest ? 0 : Math.Min(Buckets - 1, (int)Math.Ceiling(Math.Log(milliseconds / Smallest, Growth)));

    /// <summary>The upper bound of a bucket, in milliseconds.</summary>
    public static double UpperBound(int bucket) => Smallest * Math.Pow(Growth, bucket);

    /// <summary>The latency below which <paramref name="fraction"/> of the counted requests fall; null when none were counted.</summary>
    public static double? Percentile(IReadOnlyDictionary<int, long> counts, double fraction)
    {
        var total = counts.Values.Sum();
        if (total == 0) return null;
        var rank = fraction * total;
        long seen = 0;
        foreach (var (bucket, count) in counts.OrderBy(c => c.Key))
        {
            if (seen + count >= rank)
            {
                var low = bucket == 0 ? 0 : UpperBound(bucket - 1);
                return low + (UpperBound(bucket) - low) * Math.Clamp((rank - seen) / count, 0, 1);
            }
            seen += count;
        }
        return UpperBound(counts.Keys.Max());
    }
}
