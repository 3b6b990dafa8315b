using Platform.Bench;

// Usage: dotnet run -c Release --project bench/Platform.Bench -- [command] [options]
// Commands: table (default: every benchmark in one table; --seconds S per training measurement),
//           foundation (server start, job latency), throughput (training),
//           quality --train PATH --test PATH --minutes M (no paths: a generated set; --samples-per-class N)
var command = args.Length > 0 ? args[0] : "table";
var options = args.Skip(1).ToArray();
return command switch
{
    "table" => await BenchTable.RunAsync(options, foundation: true, training: true),
    "foundation" => await BenchTable.RunAsync(options, foundation: true, training: false),
    "throughput" => await BenchTable.RunAsync(options, foundation: false, training: true),
    "quality" => await QualityBench.RunAsync(options),
    _ => Usage(command),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: table (default), foundation, throughput, quality --train PATH --test PATH --minutes M");
    return 2;
}
