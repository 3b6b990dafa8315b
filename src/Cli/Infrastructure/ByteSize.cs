using System.Globalization;

namespace Platform.Cli.Infrastructure;

/// <summary>Sizes as people write them (512K, 8M, 1G, 1048576) and as they read them.</summary>
public static class ByteSize
{
    public static long Parse(string text, string option)
    {
        var trimmed = text.Trim().TrimEnd('B', 'b');
        var multiplier = char.ToUpperInvariant(trimmed.LastOrDefault()) switch { 'K' => 1024L, 'M' => 1024L * 1024, 'G' => 1024L * 1024 * 1024, _ => 1L };
        if (multiplier > 1) trimmed = trimmed[..^1];
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw CliException.Usage($"{option} takes a size such as 512K, 8M or 1048576, not '{text}'.");
        return (long)(value * multiplier);
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB",
        >= 1024L * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        >= 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
