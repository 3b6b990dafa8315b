using System.Diagnostics;
using System.Globalization;
using Platform.Ml;

namespace Platform.Bench;

/// <summary>What <c>quality</c> measures, for one set of items: test accuracy, wall minutes and training images/s.</summary>
internal sealed record QualityResult(double Accuracy, double Minutes, double ImagesPerSecond, long Steps, double Epochs, int TestCount)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"accuracy={Accuracy:0.0000} minutes={Minutes:0.00} images_per_second={ImagesPerSecond:0}");
}

/// <summary>
/// The <c>quality</c> path: the default image template with no settings, in this process, timed from
/// <paramref name="wall"/> (started before loading) to the end of evaluation. images/s is measured between the first
/// and the last train_loss report (validation included, decoding and the final evaluation not).
/// </summary>
internal static class CoreQuality
{
    public const int DefaultBatch = 128;

    public static async Task<QualityResult> TrainAsync(List<MlItem> items, double minutes, Stopwatch wall)
    {
        var stamps = new List<(TimeSpan At, long Step)>();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.DefaultImage,
            Items = items,
            TimeBudget = TimeSpan.FromMinutes(minutes) - wall.Elapsed,
            Callbacks = new TrainingCallbacks
            {
                Log = new Sync<string>(line => Log(wall, line)),
                Metrics = new Sync<MetricPoint>(m =>
                {
                    if (m.Name == "train_loss") stamps.Add((wall.Elapsed, m.Step));
                    if (m.Name.StartsWith("val_accuracy", StringComparison.Ordinal)) Log(wall, $"step {m.Step} epoch {m.Epoch}: {m.Name}={m.Value:0.0000}");
                }),
            },
        });
        var rate = stamps.Count < 2 ? 0 : (stamps[^1].Step - stamps[0].Step) * (double)DefaultBatch / (stamps[^1].At - stamps[0].At).TotalSeconds;
        return new QualityResult(result.Evaluation.Accuracy ?? double.NaN, wall.Elapsed.TotalMinutes, rate, result.Steps, result.Epochs,
            items.Count(i => i.Split == MlSplit.Test));
    }

    public static void Log(Stopwatch wall, string line) => Console.WriteLine($"[{wall.Elapsed:mm\\:ss}] {line}");

    private sealed class Sync<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
