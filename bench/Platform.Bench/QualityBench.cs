using System.Diagnostics;
using Platform.Bench.Training;

namespace Platform.Bench;

/// <summary>
/// quality [--train PATH --test PATH | --data FILE] --minutes M: the set's default template with no settings, timed
/// from loading to the end of evaluation. Without a set it trains on a generated sample of images.
/// </summary>
internal static class QualityBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        var wall = Stopwatch.StartNew();
        var set = await QualitySet.LoadAsync(options);
        var minutes = BenchOptions.Number(options, "--minutes", options.Contains("--train") || options.Contains("--data") ? 30 : 2);
        CoreQuality.Log(wall, set.Description);
        Console.WriteLine((await CoreQuality.TrainAsync(set, minutes, wall)).ToString());
        return 0;
    }
}
