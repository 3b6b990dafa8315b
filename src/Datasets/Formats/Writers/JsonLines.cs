using System.Buffers;
using System.Text.Json;

namespace Platform.Datasets.Formats.Writers;

/// <summary>Writes one JSON object per line, flushing to the stream in 64 KiB pieces.</summary>
internal static class JsonLines
{
    private const int FlushBytes = 64 * 1024;

    public static async Task WriteAsync<T>(Stream output, IEnumerable<T> rows, Action<Utf8JsonWriter, T> writeObject, Action? written,
        CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        await using var json = new Utf8JsonWriter(buffer, CocoWriter.JsonOptions);
        foreach (var row in rows)
        {
            json.Reset();
            json.WriteStartObject();
            writeObject(json, row);
            json.WriteEndObject();
            json.Flush();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= FlushBytes)
            {
                await output.WriteAsync(buffer.WrittenMemory, ct);
                buffer.ResetWrittenCount();
            }

            written?.Invoke();
        }

        await output.WriteAsync(buffer.WrittenMemory, ct);
    }

    /// <summary>The split as a "split" key; nothing for an item without a split.</summary>
    public static void WriteSplit(Utf8JsonWriter json, Platform.Contracts.DatasetSplit split)
    {
        if (ExportPaths.SplitValue(split) is { } value)
        {
            json.WriteString("split", value);
        }
    }
}
