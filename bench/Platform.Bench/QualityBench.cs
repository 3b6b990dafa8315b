using System.Diagnostics;
using System.Globalization;
using Platform.Ml;
using Platform.Ml.Samples;

namespace Platform.Bench;

/// <summary>
/// quality --train PATH --test PATH --minutes M: the default image template with no settings, timed from loading
/// to the end of evaluation. Without paths it trains on a generated sample set.
/// </summary>
internal static class QualityBench
{
    public static async Task<int> RunAsync(string[] options)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(options, name);
            return i >= 0 && i + 1 < options.Length ? options[i + 1] : null;
        }

        var trainPath = Option("--train");
        var testPath = Option("--test");
        var minutes = double.Parse(Option("--minutes") ?? (trainPath is null ? "2" : "30"), CultureInfo.InvariantCulture);
        var wall = Stopwatch.StartNew();
        List<MlItem> items;
        if (trainPath is null)
        {
            var perClass = int.Parse(Option("--samples-per-class") ?? "700", CultureInfo.InvariantCulture);
            items = [.. SampleImages.Create(perClass, seed: 42, difficulty: 1)];
            Log(wall, $"Generated {items.Count} sample images (noisy rotated shapes with clutter, 28×28 grayscale, 10 classes).");
        }
        else
        {
            items = ImageFolderSource.Load(trainPath, MlSplit.Train);
            if (testPath is not null)
            {
                items.AddRange(ImageFolderSource.Load(testPath, MlSplit.Test));
            }

            Log(wall, $"Loaded {items.Count} items from {trainPath}{(testPath is null ? string.Empty : " and " + testPath)}.");
        }

        var stamps = new List<(TimeSpan At, long Step)>();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.DefaultImage,
            Items = items,
            TimeBudget = TimeSpan.FromMinutes(minutes) - wall.Elapsed,
            Callbacks = new TrainingCallbacks
            {
                Log = new Sync<string>(line => Log(wall, line)),
                Progress = new Sync<TrainingProgress>(p => stamps.Add((wall.Elapsed, p.Step))),
                Metrics = new Sync<MetricPoint>(m =>
                {
                    if (m.Name.StartsWith("val_accuracy", StringComparison.Ordinal))
                    {
                        Log(wall, $"step {m.Step} epoch {m.Epoch}: {m.Name}={m.Value:0.0000}");
                    }
                }),
            },
        });
        var batch = 128.0;
        var training = stamps.Where(s => s.Step < result.Steps).ToList();
        var rate = training.Count < 2 ? 0 : (training[^1].Step - training[0].Step) * batch / (training[^1].At - training[0].At).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy={result.Evaluation.Accuracy:0.0000} minutes={wall.Elapsed.TotalMinutes:0.00} images_per_second={rate:0}"));
        return 0;
    }

    private static void Log(Stopwatch wall, string line) => Console.WriteLine($"[{wall.Elapsed:mm\\:ss}] {line}");

    private sealed class Sync<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
