using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace Platform.Bench;

/// <summary>
/// idx --from DIR --out DIR [--holdout N]: turns an MNIST-style IDX set (train-/t10k-images-idx3-ubyte[.gz] and
/// their labels, e.g. Debian's dataset-fashion-mnist in /usr/share/datasets/fashion-mnist) into the image folders
/// `quality` reads: OUT/train and OUT/test, one sub-folder per class. --holdout N also writes OUT/tune-train and
/// OUT/tune-validation, the last N training images held out, so that settings are tuned without the test split.
/// </summary>
internal static class IdxFolders
{
    public static int Write(string[] options)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(options, name);
            return i >= 0 && i + 1 < options.Length ? options[i + 1] : null;
        }

        var from = Option("--from") ?? "/usr/share/datasets/fashion-mnist";
        var output = Path.GetFullPath(Option("--out") ?? "fashion-mnist");
        var holdout = int.Parse(Option("--holdout") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var train = Read(from, "train");
        var test = Read(from, "t10k");
        WriteFolder(Path.Combine(output, "train"), train, 0, train.Labels.Length);
        WriteFolder(Path.Combine(output, "test"), test, 0, test.Labels.Length);
        if (holdout > 0)
        {
            var cut = train.Labels.Length - holdout;
            WriteFolder(Path.Combine(output, "tune-train"), train, 0, cut);
            WriteFolder(Path.Combine(output, "tune-validation"), train, cut, holdout);
        }

        return 0;
    }

    private sealed record IdxSet(byte[] Pixels, byte[] Labels, int Rows, int Columns);

    private static IdxSet Read(string folder, string prefix)
    {
        var images = ReadFile(folder, $"{prefix}-images-idx3-ubyte");
        var labels = ReadFile(folder, $"{prefix}-labels-idx1-ubyte");
        if (BinaryPrimitives.ReadInt32BigEndian(images) != 0x803 || BinaryPrimitives.ReadInt32BigEndian(labels) != 0x801)
        {
            throw new InvalidDataException($"{prefix}: not an IDX image or label file.");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(images.AsSpan(12));
        return new IdxSet(images[16..(16 + (count * rows * columns))], labels[8..(8 + count)], rows, columns);
    }

    private static byte[] ReadFile(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain))
        {
            return File.ReadAllBytes(plain);
        }

        using var gzip = new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }

    private static void WriteFolder(string folder, IdxSet set, int start, int count)
    {
        var size = set.Rows * set.Columns;
        string ClassFolder(int i) => Path.Combine(folder, set.Labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var firstOfClass in Enumerable.Range(start, count).DistinctBy(i => set.Labels[i]))
        {
            Directory.CreateDirectory(ClassFolder(firstOfClass));
        }

        Parallel.For(start, start + count, i =>
        {
            var classFolder = ClassFolder(i);
            using var bitmap = new SKBitmap(new SKImageInfo(set.Columns, set.Rows, SKColorType.Gray8, SKAlphaType.Opaque));
            set.Pixels.AsSpan(i * size, size).CopyTo(bitmap.GetPixelSpan());
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(classFolder, $"{i:00000}.png"), data.ToArray());
        });
        Console.WriteLine($"{folder}: {count} images");
    }
}
