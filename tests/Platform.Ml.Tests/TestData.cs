using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Platform.Ml.Tests;

internal static class TestData
{
    /// <summary>Three classes decided by two numeric columns and a categorical one, with 5% missing cells.</summary>
    public static MlTable Table(int rows, bool regression, int seed = 7)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        var list = new List<MlRow>();
        for (var i = 0; i < rows; i++)
        {
            var x1 = (random.NextDouble() * 4) - 2;
            var x2 = (random.NextDouble() * 4) - 2;
            var color = random.Next(3);
            var score = (2 * x1) - x2 + (color - 1) * 1.5;
            string target = regression
                ? (score * 10 + 50 + (random.NextDouble() * 0.5)).ToString(CultureInfo.InvariantCulture)
                : score < -1 ? "low" : score < 1.5 ? "mid" : "high";
            string? Cell(string value) => random.NextDouble() < 0.05 ? null : value;
            list.Add(new MlRow($"r{i}",
                [Cell(x1.ToString("0.####", CultureInfo.InvariantCulture)), Cell(x2.ToString("0.####", CultureInfo.InvariantCulture)), Cell(colors[color]), target],
                i % 5 == 4 ? MlSplit.Test : MlSplit.Train));
        }

        return new MlTable(["x1", "x2", "color", "y"], list, "y");
    }

    private static readonly Dictionary<string, string[]> Topics = new()
    {
        ["sports"] = ["goal", "match", "team", "score", "coach", "league", "player", "season", "win", "stadium"],
        ["cooking"] = ["recipe", "oven", "salt", "flour", "bake", "sauce", "dinner", "chef", "taste", "butter"],
        ["tech"] = ["server", "code", "cloud", "chip", "software", "network", "data", "laptop", "bug", "release"],
    };

    private static readonly string[] Common = ["the", "a", "and", "today", "new", "very", "with", "for", "our", "was", "big", "good"];

    public static IReadOnlyList<MlItem> Texts(int perClass, int seed = 3)
    {
        var random = new Random(seed);
        var items = new List<MlItem>();
        for (var i = 0; i < perClass; i++)
        {
            foreach (var (topic, words) in Topics)
            {
                var sentence = string.Join(' ', Enumerable.Range(0, random.Next(6, 14))
                    .Select(_ => random.NextDouble() < 0.35 ? words[random.Next(words.Length)] : Common[random.Next(Common.Length)]));
                var bytes = Encoding.UTF8.GetBytes(sentence);
                items.Add(new MlItem($"{topic}-{i}", () => new MemoryStream(bytes), topic, i % 5 == 4 ? MlSplit.Test : MlSplit.Train));
            }
        }

        return items;
    }

    public static byte[] ReadAll(MlItem item)
    {
        using var stream = item.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Collects what a run reports; IProgress calls arrive synchronously on the training thread.</summary>
internal sealed class Recorder
{
    public ConcurrentQueue<MetricPoint> Metrics { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    public ConcurrentQueue<(long Step, byte[] Content)> Checkpoints { get; } = new();

    public Func<TrainingCheckpoint, CancellationToken, Task>? OnCheckpoint { get; set; }

    public string Report() => string.Join("\n", Logs) + "\n" + string.Join(" ", Metrics.Select(m => $"{m.Step}:{m.Name}={m.Value:0.###}"));

    public TrainingCallbacks Callbacks => new()
    {
        Metrics = new Sync<MetricPoint>(m => { Metrics.Enqueue(m); TestContext.Current.TestOutputHelper?.WriteLine($"{m.Step} {m.Name}={m.Value:0.####}"); }),
        Log = new Sync<string>(line => { Logs.Enqueue(line); TestContext.Current.TestOutputHelper?.WriteLine(line); }),
        Checkpoint = async (checkpoint, ct) =>
        {
            using var copy = new MemoryStream();
            await checkpoint.Content.CopyToAsync(copy, ct);
            Checkpoints.Enqueue((checkpoint.Step, copy.ToArray()));
            if (OnCheckpoint is not null)
            {
                await OnCheckpoint(checkpoint, ct);
            }
        },
    };

}

internal sealed class Sync<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
