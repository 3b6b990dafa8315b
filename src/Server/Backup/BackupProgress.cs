using System.Diagnostics;

namespace Platform.Server.Backup;

/// <summary>Progress lines on standard output: at most one every two seconds while objects are copied.</summary>
public sealed class BackupProgress
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private TimeSpan _lastLine;

    public TimeSpan Elapsed => _total.Elapsed;

    public void Line(string text) => Console.WriteLine(text);

    public void Objects(string verb, long count, long? total, long bytes)
    {
        if (_total.Elapsed - _lastLine < TimeSpan.FromSeconds(2)) return;
        _lastLine = _total.Elapsed;
        Line(total is null ? $"  {verb} {count:N0} objects ({Size(bytes)})" : $"  {verb} {count:N0} of {total:N0} objects ({Size(bytes)})");
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):F1} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):F2} GiB",
    };
}
