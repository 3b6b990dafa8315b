namespace Platform.Bench.Datasets;

/// <summary>Sizes of the dataset benchmarks: --upload-mib, --images, --items; --no-split skips the split rows.</summary>
internal sealed record DatasetBenchOptions(int UploadMib, int Images, int Items, bool Split)
{
    public static DatasetBenchOptions Parse(string[] options) => new(
        BenchOptions.Count(options, "--upload-mib", 1024),
        BenchOptions.Count(options, "--images", 100_000),
        BenchOptions.Count(options, "--items", 1_000_000),
        !options.Contains("--no-split"));
}
