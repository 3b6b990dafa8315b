using Platform.Bench;

// Usage: dotnet run -c Release --project bench/Platform.Bench -- [command] [options]
// Commands: table (default: every benchmark in one table; --seconds S per measurement), throughput,
//           quality --train PATH --test PATH --minutes M (no paths: a generated set; --samples-per-class N)
var command = args.Length > 0 ? args[0] : "table";
var options = args.Skip(1).ToArray();
return command switch
{
    "table" => BenchTable.Run(options),
    "throughput" => BenchTable.Run(options),
    "quality" => await QualityBench.RunAsync(options),
    _ => Usage(command),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: table (default), throughput, quality --train PATH --test PATH --minutes M");
    return 2;
}
