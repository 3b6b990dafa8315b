using System.Globalization;
using Platform.Storage.Objects;

namespace Platform.Server.Backup;

/// <summary>
/// objects.tsv: one line per object, <c>sha256 TAB bytes TAB key</c>. Keys cannot hold tabs or line breaks
/// (<see cref="ObjectKey"/> refuses control characters), so the key is simply the rest of the line.
/// </summary>
public static class ObjectIndex
{
    public sealed record Entry(string Sha256, long Bytes, string Key);

    public static string Format(Entry entry) => $"{entry.Sha256}\t{entry.Bytes.ToString(CultureInfo.InvariantCulture)}\t{entry.Key}\n";

    public static async IAsyncEnumerable<Entry> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            var parts = line.Split('\t', 3);
            if (parts.Length != 3 || parts[0].Length != 64 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
                throw new BackupException($"{path} line {number} is not 'sha256<TAB>bytes<TAB>key'. Nothing was changed.");
            try { ObjectKey.Validate(parts[2]); }
            catch (InvalidObjectKeyException e) { throw new BackupException($"{path} line {number}: {e.Message}. Nothing was changed."); }
            yield return new Entry(parts[0], bytes, parts[2]);
        }
    }
}
