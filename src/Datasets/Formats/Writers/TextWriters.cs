using System.Buffers;
using System.Text.Json;

namespace Platform.Datasets.Formats.Writers;

/// <summary>Text classification exports: text,label[,split] CSV, or one JSON object per line.</summary>
internal static class TextWriters
{
    private const int FlushBytes = 64 * 1024;

    /// <summary>A UTF-8 writer without BOM that leaves the output open and flushes asynchronously when disposed.</summary>
    public static StreamWriter Open(Stream output) =>
        new(output, ZipOutput.Utf8, bufferSize: FlushBytes, leaveOpen: true) { NewLine = "\n" };

    public static async Task WriteCsvAsync(ExportContext export, CancellationToken ct)
    {
        var items = export.Dataset.Items;
        var splits = ExportPaths.HasSplits(items);
        await using var writer = Open(export.Output);
        await writer.WriteAsync((splits ? "text,label,split\n" : "text,label\n").AsMemory(), ct);
        foreach (var item in items)
        {
            var line = splits
                ? CsvCell.Line([item.Text, item.Label, ExportPaths.SplitValue(item.Split)])
                : CsvCell.Line([item.Text, item.Label]);
            await writer.WriteAsync(line.AsMemory(), ct);
            export.Progress.Add();
        }
    }

    public static async Task WriteJsonlAsync(ExportContext export, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        await using var json = new Utf8JsonWriter(buffer, CocoWriter.JsonOptions);
        foreach (var item in export.Dataset.Items)
        {
            json.Reset();
            json.WriteStartObject();
            json.WriteString("text", item.Text);
            json.WriteString("label", item.Label);
            if (ExportPaths.SplitValue(item.Split) is { } split)
            {
                json.WriteString("split", split);
            }

            json.WriteEndObject();
            json.Flush();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= FlushBytes)
            {
                await export.Output.WriteAsync(buffer.WrittenMemory, ct);
                buffer.ResetWrittenCount();
            }

            export.Progress.Add();
        }

        await export.Output.WriteAsync(buffer.WrittenMemory, ct);
    }
}
