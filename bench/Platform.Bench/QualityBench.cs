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

        Console.WriteLine((await CoreQuality.TrainAsync(items, minutes, wall)).ToString());
        return 0;
    }

    private static void Log(Stopwatch wall, string line) => CoreQuality.Log(wall, line);
}
