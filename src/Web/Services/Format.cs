using System.Globalization;

namespace Platform.Web.Services;

/// <summary>Display formats shared by the pages (invariant culture: the app is built with InvariantGlobalization).</summary>
public static class Format
{
    public static string Relative(DateTimeOffset at, DateTimeOffset? now = null)
    {
        var span = (now ?? DateTimeOffset.UtcNow) - at;
        var future = span < TimeSpan.Zero;
        if (future) span = span.Negate();
        string text = span.TotalSeconds switch
        {
            < 5 => "just now",
            < 60 => $"{(int)span.TotalSeconds} s",
            < 3600 => $"{(int)span.TotalMinutes} min",
            < 86400 => $"{(int)span.TotalHours} h",
            _ => $"{(int)span.TotalDays} d",
        };
        return text == "just now" ? text : future ? "in " + text : text + " ago";
    }

    public static string Time(DateTimeOffset at) =>
        at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) =>
        at.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return value.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>A transfer rate in decimal megabytes per second, e.g. "12.3 MB/s".</summary>
    public static string Rate(double bytesPerSecond) =>
        (bytesPerSecond / 1_000_000).ToString(bytesPerSecond < 10_000_000 ? "0.0" : "0", CultureInfo.InvariantCulture) + " MB/s";

    /// <summary>A duration rounded to what a person cares about: "8 s", "3 min 20 s", "2 h 5 min".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalSeconds < 60) return $"{(int)Math.Ceiling(span.TotalSeconds)} s";
        if (span.TotalMinutes < 60) return $"{(int)span.TotalMinutes} min {span.Seconds} s";
        if (span.TotalHours < 48) return $"{(int)span.TotalHours} h {span.Minutes} min";
        return $"{(int)span.TotalDays} d {span.Hours} h";
    }

    /// <summary>A count with thousands separators, e.g. "12,345".</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);
}
