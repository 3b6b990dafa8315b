using Platform.Bench;

// Usage: dotnet run -c Release --project bench/Platform.Bench -- [command] [options]
// Commands: table (default: every benchmark in one table; --seconds S per training measurement, and the datasets options),
//           foundation (server start, job latency), throughput (training),
//           datasets (upload, import, gallery; --upload-mib N --images N --items N --no-split),
//           quality [--train PATH --test PATH | --data FILE] --minutes M (no set: generated images; --samples-per-class N;
//             FILE: a JSON Lines text set or a CSV table whose rows name their split),
//           ingest [--seconds S] [--clients N] (MLflow log-batch of 1,000 points; SQLite, and PostgreSQL when available),
//           runs-page [--runs N] [--requests N] (an experiment's runs table, first page, at 100,000 runs; SQLite and PostgreSQL),
//           metric-latency [--samples N] (a logged metric point to the hub event and the point read back),
//           product-quality [--train PATH --test PATH | --data FILE] [--minutes M] (a default run through the API next to quality's core path),
//           training-inputs [--items N] (memory a worker holds to feed a version of N items, now and before),
//           serving [--clients N] [--seconds S] [--train-minutes M] (deploy time, HTTP overhead, N clients batched against batches of one),
//           annotation [--items N] [--saves N] [--boxes N] (project over N unlabeled images, batches, autosave latency, boxes, review, new version),
//           annotation-canvas [--boxes N] (the labeling screen's box canvas in Chromium: draw and pan/zoom frame times at 0, 1,000 and N boxes),
//           samples --out DIR (writes the generated sample datasets, to try an upload by hand),
//           idx --from DIR --out DIR [--holdout N] (an MNIST-style IDX set as image folders for quality),
//           arff --train A.arff [--test B.arff] --out FILE.jsonl|FILE.csv (Weka ARFF sets as one file for --data)
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
    "runs-page" => await Platform.Bench.Training.RunsPageBench.RunAsync(options),
    "metric-latency" => await Platform.Bench.Training.MetricLatencyBench.RunAsync(options),
    "product-quality" => await Platform.Bench.Training.ProductQualityBench.RunAsync(options),
    "training-inputs" => await Platform.Bench.Training.TrainingInputsBench.RunAsync(options),
    "serving" => await Platform.Bench.Serving.ServingBench.RunAsync(options),
    "annotation" => await Platform.Bench.Annotation.AnnotationBench.RunAsync(options),
    "annotation-canvas" => await Platform.Bench.Annotation.CanvasBench.RunAsync(options),
    "samples" => SampleFiles.Write(options),
    "idx" => IdxFolders.Write(options),
    "arff" => Platform.Bench.Training.ArffConvert.Write(options),
    _ => Usage(command),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: table (default), foundation, throughput, datasets, ingest [--seconds S] [--clients N], runs-page, metric-latency, training-inputs [--items N], serving [--clients N] [--seconds S], annotation [--items N] [--saves N] [--boxes N], annotation-canvas [--boxes N], product-quality [--train PATH --test PATH | --data FILE] [--minutes M], quality [--train PATH --test PATH | --data FILE] --minutes M, samples --out DIR, idx --from DIR --out DIR [--holdout N], arff --train A.arff [--test B.arff] --out FILE");
    return 2;
}
