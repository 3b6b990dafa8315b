using System.Diagnostics;
using Platform.Contracts;

namespace Platform.Bench.Datasets;

/// <summary>A stretch of a running operation, named after its progress message, as seen by polling.</summary>
internal sealed record Phase(string Name, double Seconds);

/// <summary>Polls an operation every 500 ms until it finishes, noting when its progress message moves to another phase.</summary>
internal static class OperationWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static async Task<(OperationDto Operation, IReadOnlyList<Phase> Phases)> WaitAsync(
        PlatformClient client, Guid ws, Guid operationId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var phases = new List<Phase>();
        string? current = null;
        var since = TimeSpan.Zero;
        while (true)
        {
            var operation = await client.GetOperationAsync(ws, operationId);
            var finished = operation.State is not (OperationState.Queued or OperationState.Running);
            var name = operation.State == OperationState.Running ? PhaseOf(operation.Message) : null;
            if (finished || (name is not null && name != current))
            {
                if (current is not null) phases.Add(new Phase(current, (clock.Elapsed - since).TotalSeconds));
                (current, since) = (name, clock.Elapsed);
            }
            if (finished) return (operation, phases);
            if (clock.Elapsed > timeout) throw new TimeoutException($"the operation was still {operation.State} after {timeout.TotalMinutes:0} min: {operation.Message}");
            await Task.Delay(Interval);
        }
    }

    /// <summary>"Unpacked 400 files …" and "Unpacking x.zip" are one phase: the message's first word without its ending.</summary>
    private static string? PhaseOf(string? message)
    {
        var word = message?.Split(' ', 2)[0].ToLowerInvariant();
        return word switch
        {
            null or "" => null,
            _ when word.StartsWith("unpack", StringComparison.Ordinal) => "unpack",
            _ when word.StartsWith("check", StringComparison.Ordinal) => "check images",
            "reading" => "read",
            "writing" => "write version",
            _ => word,
        };
    }

    public static string Describe(IEnumerable<Phase> phases) =>
        string.Join(", ", phases.Select(p => $"{p.Name} {p.Seconds:0.#} s"));
}
