using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Training;
using Platform.Ml;

namespace Platform.Bench;

/// <summary>
/// What <c>quality</c> measures, for one set: the test score (accuracy, or R² for a regression table), wall minutes and
/// training steps/s (images/s for images: steps × the image template's batch of 128).
/// </summary>
internal sealed record QualityResult(double Score, double Minutes, double StepsPerSecond, long Steps, double Epochs, int TestCount)
{
    public double ImagesPerSecond => StepsPerSecond * CoreQuality.DefaultBatch;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"score={Score:0.0000} minutes={Minutes:0.00} steps_per_second={StepsPerSecond:0.00} images_per_second={ImagesPerSecond:0}");
}

/// <summary>
/// The <c>quality</c> path: the set's default template with no settings, in this process, timed from
/// <paramref name="wall"/> (started before loading) to the end of evaluation. Steps/s is measured between the first
/// and the last train_loss report (validation included, decoding and the final evaluation not).
/// </summary>
internal static class CoreQuality
{
    public const int DefaultBatch = 128;

    public static string ScoreName(string template) => template == MlTemplates.TabularRegression ? "R²" : "accuracy";

    public static async Task<QualityResult> TrainAsync(QualitySet set, double minutes, Stopwatch wall)
    {
        var stamps = new List<(TimeSpan At, long Step)>();
        var logged = TimeSpan.FromMinutes(-1);
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = set.Template,
            Items = set.Items,
            Table = set.Table,
            TimeBudget = TimeSpan.FromMinutes(minutes) - wall.Elapsed,
            Callbacks = new TrainingCallbacks
            {
                Log = new Sync<string>(line => Log(wall, line)),
                Metrics = new Sync<MetricPoint>(m =>
                {
                    if (m.Name == "train_loss") stamps.Add((wall.Elapsed, m.Step));
                    if (m.Name.StartsWith("val_", StringComparison.Ordinal) && m.Name != "val_loss" && wall.Elapsed - logged > TimeSpan.FromSeconds(20))
                    {
                        logged = wall.Elapsed;
                        Log(wall, $"step {m.Step} epoch {m.Epoch}: {m.Name}={m.Value:0.0000}");
                    }
                }),
            },
        });
        var rate = stamps.Count < 2 ? 0 : (stamps[^1].Step - stamps[0].Step) / (stamps[^1].At - stamps[0].At).TotalSeconds;
        var score = result.Evaluation.Accuracy ?? result.Evaluation.RSquared ?? double.NaN;
        return new QualityResult(score, wall.Elapsed.TotalMinutes, rate, result.Steps, result.Epochs, set.TestCount);
    }

    public static void Log(Stopwatch wall, string line) => Console.WriteLine($"[{wall.Elapsed:mm\\:ss}] {line}");

    private sealed class Sync<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
