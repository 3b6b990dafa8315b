namespace Platform.Jobs.Training;

/// <summary>
/// Asynchronous successive halving (ASHA): a trial's resource is its number of validations. At rungs 1, η, η², … validations
/// a trial goes on only while its metric there is within the best 1/η of every trial that has reached that rung; with
/// fewer than η trials at a rung there is nothing to compare yet and it goes on.
/// </summary>
public static class SuccessiveHalving
{
    public const int Eta = 3;

    /// <summary>The rungs, in validations: 1, 3, 9, 27, …, up to <paramref name="max"/>.</summary>
    public static IEnumerable<int> Rungs(int max)
    {
        for (var rung = 1; rung <= max; rung *= Eta) yield return rung;
    }

    /// <param name="peers">The metric at this rung of every trial that reached it, this one included.</param>
    public static bool ShouldStop(double value, IReadOnlyCollection<double> peers, bool maximize)
    {
        if (peers.Count < Eta || double.IsNaN(value)) return peers.Count >= Eta && double.IsNaN(value);
        var keep = (int)Math.Ceiling(peers.Count / (double)Eta);
        var ranked = (maximize ? peers.OrderByDescending(v => v) : peers.OrderBy(v => v)).Where(v => !double.IsNaN(v)).ToList();
        if (ranked.Count < keep) return false;
        var threshold = ranked[keep - 1];
        return maximize ? value < threshold : value > threshold;
    }
}
