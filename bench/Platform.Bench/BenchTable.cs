namespace Platform.Bench;

/// <summary>The default table: each benchmark adds its rows; another file can add its own section.</summary>
internal static class BenchTable
{
    public static async Task<int> RunAsync(string[] options, bool foundation, bool training)
    {
        // 40 s: each of the four alternating training runs gets half of it, and an Ml run needs about 15 s to report
        // progress twice after decoding (the throughput is measured between progress reports).
        var seconds = options.Length > 1 && options[0] == "--seconds" ? double.Parse(options[1], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var rows = new List<BenchRow>();
        if (foundation) rows.AddRange(await Foundation.FoundationBench.RunAsync());
        if (training) rows.AddRange(TrainingThroughputBench.Run(seconds));
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
