namespace Platform.Bench.Datasets;

internal static class FailedRow
{
    /// <summary>A row that shows the error instead of a number.</summary>
    public static BenchRow Of(string name, string unit, Exception e) =>
        new(name, double.NaN, unit, $"failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
}
