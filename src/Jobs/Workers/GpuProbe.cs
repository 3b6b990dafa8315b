using System.ComponentModel;
using System.Diagnostics;

namespace Platform.Jobs.Workers;

/// <summary>Asks nvidia-smi for the GPUs; no GPU (or no driver, or a driver that does not answer) means zero.</summary>
public static class GpuProbe
{
    public sealed record Gpus(int Count, string? Name, long? MemoryBytes);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private static readonly Gpus None = new(0, null, null);

    public static Task<Gpus> DetectAsync(CancellationToken ct) => DetectAsync("nvidia-smi", DefaultTimeout, ct);

    /// <summary>
    /// Runs <paramref name="executable"/> and reads its output without blocking; a hung driver (nvidia-smi can hang
    /// for minutes on a wedged GPU) is killed with its children after <paramref name="timeout"/> so the worker starts.
    /// </summary>
    public static async Task<Gpus> DetectAsync(string executable, TimeSpan timeout, CancellationToken ct)
    {
        Process? process;
        try
        {
            process = Process.Start(new ProcessStartInfo(executable, "--query-gpu=name,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException) { return None; }
        if (process is null) return None;

        using (process)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                await Task.WhenAll(output, errors);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                ct.ThrowIfCancellationRequested();
                return None;
            }
            return process.ExitCode == 0 ? Parse(output.Result) : None;
        }
    }

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException) { }
    }

    private static Gpus Parse(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return None;
        var first = lines[0].Split(',', StringSplitOptions.TrimEntries);
        long? memory = first.Length > 1 && long.TryParse(first[1], out var mib) ? mib * 1024 * 1024 : null;
        return new(lines.Length, first[0], memory);
    }
}
