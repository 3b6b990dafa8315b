using Platform.Datasets.Formats;
using Platform.Storage.Objects;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Reads an unpacked file and stops the import once it alone holds more bytes than the workspace has free, before
/// those bytes are stored: a small archive cannot expand past the storage quota.
/// </summary>
internal sealed class QuotaGuardStream(Stream inner, string name, long remaining) : ForwardOnlyStream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Count(await inner.ReadAsync(buffer, ct));

    private int Count(int read)
    {
        _read += read;
        if (_read > remaining) throw Exceeded(name, remaining);
        return read;
    }

    public static DatasetFormatException Exceeded(string name, long remaining) => new(
        $"The upload expands past the workspace's storage quota at '{name}' ({Megabytes(remaining)} MiB were free for its files); " +
        "nothing was imported. Delete datasets you no longer need or ask an administrator for a larger quota.");

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
