using Platform.Bench;

// Usage: dotnet run -c Release --project bench/Platform.Bench -- [command] [options]
// Commands: table (default: every benchmark in one table; --seconds S per training measurement, and the datasets options),
//           foundation (server start, job latency), throughput (training),
//           datasets (upload, import, gallery; --upload-mib N --images N --items N --no-split),
//           quality --train PATH --test PATH --minutes M (no paths: a generated set; --samples-per-class N),
//           ingest [--seconds S] [--clients N] (MLflow log-batch of 1,000 points; SQLite, and PostgreSQL when available),
//           samples --out DIR (writes the generated sample datasets, to try an upload by hand),
//           idx --from DIR --out DIR [--holdout N] (an MNIST-style IDX set as image folders for quality)
var command = args.Length > 0 ? args[0] : "table";
var options = args.Skip(1).ToArray();
return command switch
{
    "table" => await BenchTable.RunAsync(options, BenchSections.All),
    "foundation" => await BenchTable.RunAsync(options, BenchSections.Foundation),
    "throughput" => await BenchTable.RunAsync(options, BenchSections.Training),
    "datasets" => await BenchTable.RunAsync(options, BenchSections.Datasets),
    "quality" => await QualityBench.RunAsync(options),
    "ingest" => await Platform.Bench.Tracking.IngestBench.RunAsync(options),
    "samples" => SampleFiles.Write(options),
    "idx" => IdxFolders.Write(options),
    _ => Usage(command),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: table (default), foundation, throughput, datasets, ingest [--seconds S] [--clients N], quality --train PATH --test PATH --minutes M, samples --out DIR, idx --from DIR --out DIR [--holdout N]");
    return 2;
}
