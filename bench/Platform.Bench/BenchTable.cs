namespace Platform.Bench;

[Flags]
internal enum BenchSections
{
    Foundation = 1,
    Training = 2,
    Datasets = 4,
    All = Foundation | Training | Datasets,
}

/// <summary>The default table: each benchmark adds its rows; another file can add its own section.</summary>
internal static class BenchTable
{
    public static async Task<int> RunAsync(string[] options, BenchSections sections)
    {
        // 40 s: each of the four alternating training runs gets half of it, and an Ml run needs about 15 s to report
        // progress twice after decoding (the throughput is measured between progress reports).
        var seconds = BenchOptions.Number(options, "--seconds", 40);
        var rows = new List<BenchRow>();
        if (sections.HasFlag(BenchSections.Foundation)) rows.AddRange(await Foundation.FoundationBench.RunAsync());
        if (sections.HasFlag(BenchSections.Training)) rows.AddRange(TrainingThroughputBench.Run(seconds));
        if (sections.HasFlag(BenchSections.Datasets)) rows.AddRange(await Datasets.DatasetsBench.RunAsync(options));
        Print(rows);
        return 0;
    }

    public static void Print(IReadOnlyList<BenchRow> rows)
    {
        var nameWidth = Math.Max(10, rows.Max(r => r.Name.Length));
        Console.WriteLine($"{"benchmark".PadRight(nameWidth)} | {"value",12} | {"unit",-10} | note");
        Console.WriteLine($"{new string('-', nameWidth)}-+-{new string('-', 12)}-+-{new string('-', 10)}-+-----");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Name.PadRight(nameWidth)} | {row.Value,12:0.###} | {row.Unit,-10} | {row.Note}");
        }
    }
}

internal sealed record BenchRow(string Name, double Value, string Unit, string Note = "");
