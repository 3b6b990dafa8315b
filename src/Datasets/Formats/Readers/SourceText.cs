using System.Text;

namespace Platform.Datasets.Formats.Readers;

internal static class SourceText
{
    /// <summary>The whole file as text: UTF-8 unless a byte-order mark says otherwise.</summary>
    public static async Task<string> ReadAsync(OpenSource open, UploadFile file, CancellationToken ct)
    {
        await using var stream = await open(file.Source, ct);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }
}
