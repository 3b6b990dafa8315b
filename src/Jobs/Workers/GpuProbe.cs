using System.Diagnostics;

namespace Platform.Jobs.Workers;

/// <summary>Asks nvidia-smi for the GPUs; no GPU (or no driver) means zero.</summary>
public static class GpuProbe
{
    public sealed record Gpus(int Count, string? Name, long? MemoryBytes);

    public static Gpus Detect()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return new(0, null, null);
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0) return new(0, null, null);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 0) return new(0, null, null);
            var first = lines[0].Split(',', StringSplitOptions.TrimEntries);
            long? memory = first.Length > 1 && long.TryParse(first[1], out var mib) ? mib * 1024 * 1024 : null;
            return new(lines.Length, first[0], memory);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new(0, null, null);
        }
    }
}
