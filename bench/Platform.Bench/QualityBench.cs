namespace Platform.Bench;

internal static class QualityBench
{
    public static Task<int> RunAsync(string[] options) => Task.FromResult(0);
}
