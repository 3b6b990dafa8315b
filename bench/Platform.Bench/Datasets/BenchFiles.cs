using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Platform.Bench.Datasets;

/// <summary>Generated inputs of the dataset benchmarks (generation is never timed).</summary>
internal static class BenchFiles
{
    public const int Classes = 10;

    /// <summary>Random bytes, flushed to disk; returns their SHA-256 (lowercase hex).</summary>
    public static string WriteRandom(string path, long bytes)
    {
        var buffer = new byte[1 << 20];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            for (long written = 0; written < bytes; written += buffer.Length)
            {
                var length = (int)Math.Min(buffer.Length, bytes - written);
                RandomNumberGenerator.Fill(buffer.AsSpan(0, length));
                hash.AppendData(buffer, 0, length);
                file.Write(buffer, 0, length);
            }
            file.Flush(flushToDisk: true);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// class-{i % 10}/img-{i}.png: 8×8 PNGs whose colors encode the index (24 bits in every pixel, plus a diagonal),
    /// so no two files are the same and the import must store and decode each one.
    /// </summary>
    public static void WriteTinyPngZip(string path, int count)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using var bitmap = new SKBitmap(8, 8);
        var digits = Math.Max(6, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        for (var i = 0; i < count; i++)
        {
            bitmap.Erase(new SKColor((byte)i, (byte)(i >> 8), (byte)(i >> 16)));
            for (var d = 0; d < 8; d++) bitmap.SetPixel(d, d, new SKColor((byte)(i >> 24), (byte)(d * 32), 255));
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            var entry = zip.CreateEntry($"class-{i % Classes}/img-{i.ToString($"D{digits}", System.Globalization.CultureInfo.InvariantCulture)}.png", CompressionLevel.NoCompression);
            using var stream = entry.Open();
            png.SaveTo(stream);
        }
    }

    /// <summary>{"text":"item 17","label":"class-7"} a line (labels class-0 … class-9), with ,"split":"none" before the brace when asked.</summary>
    public static void WriteTextJsonl(string path, int count, bool withSplit)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            line.Clear().Append("{\"text\":\"item ").Append(i).Append("\",\"label\":\"class-").Append(i % Classes).Append('"');
            writer.Write(line.Append(withSplit ? ",\"split\":\"none\"}\n" : "}\n"));
        }
    }
}
