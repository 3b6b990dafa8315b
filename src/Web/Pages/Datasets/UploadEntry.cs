using System.Diagnostics;

namespace Platform.Web.Pages.Datasets;

/// <summary>A file the browser picked, as upload.js describes it; the token names the File object kept there.</summary>
public sealed record PickedFile(string Token, string Name, long Size, long LastModified);

/// <summary>Hashing: the file's SHA-256 is computed before a new upload is created, so the server can verify it.</summary>
public enum UploadStatus { Waiting, Hashing, Preparing, Uploading, Retrying, Completing, Done, Failed }

/// <summary>One file on its way to the server: bytes confirmed, smoothed speed, and what went wrong.</summary>
public sealed class UploadEntry(PickedFile file)
{
    private const double Smoothing = 0.3;
    private long _lastTick;

    public PickedFile File { get; } = file;
    public string Token => File.Token;
    public string Name => File.Name;
    public long Size => File.Size;
    public Guid? UploadId { get; set; }
    /// <summary>The SHA-256 the upload declared; the server checked it when the upload completed.</summary>
    public string? Sha256 { get; set; }
    public UploadStatus Status { get; set; } = UploadStatus.Waiting;
    public long Confirmed { get; private set; }
    /// <summary>Bytes read for the SHA-256 so far, while <see cref="UploadStatus.Hashing"/>.</summary>
    public long Hashed { get; set; }
    public double BytesPerSecond { get; private set; }
    public string? Message { get; set; }

    public bool IsActive => Status is UploadStatus.Hashing or UploadStatus.Preparing or UploadStatus.Uploading or UploadStatus.Retrying or UploadStatus.Completing;
    public double Percent => Size == 0 ? (Status == UploadStatus.Done ? 100 : 0)
        : Math.Clamp((Status == UploadStatus.Hashing ? Hashed : Confirmed) * 100.0 / Size, 0, 100);

    public TimeSpan? TimeLeft => Status == UploadStatus.Uploading && BytesPerSecond > 0
        ? TimeSpan.FromSeconds((Size - Confirmed) / BytesPerSecond)
        : null;

    /// <summary>Starts measuring speed from what the server already has.</summary>
    public void Begin(long confirmed)
    {
        Confirmed = confirmed;
        BytesPerSecond = 0;
        _lastTick = Stopwatch.GetTimestamp();
    }

    /// <summary><paramref name="confirmed"/> bytes are sent (confirmed, or on their way); the speed is an exponential moving average.</summary>
    public void Confirm(long confirmed)
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_lastTick, now).TotalSeconds;
        if (confirmed > Confirmed && seconds > 0.001)
        {
            var instant = (confirmed - Confirmed) / seconds;
            BytesPerSecond = BytesPerSecond <= 0 ? instant : Smoothing * instant + (1 - Smoothing) * BytesPerSecond;
        }
        Confirmed = confirmed;
        _lastTick = now;
    }

    public void MarkDone()
    {
        Confirmed = Size;
        Status = UploadStatus.Done;
        Message = null;
    }
}
