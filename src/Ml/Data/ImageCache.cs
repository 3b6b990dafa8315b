using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Data;

/// <summary>Decodes images once, on all cores, into one uint8 tensor [N, C, S, S].</summary>
internal static class ImageCache
{
    /// <summary>
    /// Caches larger than this are decoded into a memory-mapped temporary file instead of process memory.
    /// Default: a quarter of the memory available to the process; PLATFORM_ML_CACHE_BUDGET_MB overrides it.
    /// </summary>
    internal static long MemoryBudgetBytes { get; set; } =
        long.TryParse(Environment.GetEnvironmentVariable("PLATFORM_ML_CACHE_BUDGET_MB"), out var mb)
            ? mb * 1024 * 1024
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    public static Tensor Build(IReadOnlyList<MlItem> items, int size, int channels, CancellationToken ct)
    {
        var sampleBytes = channels * size * size;
        var total = (long)items.Count * sampleBytes;
        var mapped = total > MemoryBudgetBytes;
        var buffer = mapped ? null : new byte[total];
        var path = mapped ? Path.Combine(Path.GetTempPath(), $"platform-ml-cache-{Guid.NewGuid():N}.u8") : null;
        using var file = path is null ? null : File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite, FileOptions.DeleteOnClose);
        var errors = new System.Collections.Concurrent.ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new byte[sampleBytes],
            (i, _, scratch) =>
            {
                var target = buffer is null ? scratch : buffer.AsSpan((int)((long)i * sampleBytes), sampleBytes);
                string? error;
                try
                {
                    using var stream = items[i].Open();
                    error = ImageDecoder.TryDecode(ImageDecoder.ReadAll(stream), size, channels, target);
                }
                catch (IOException e)
                {
                    error = $"could not be read ({e.Message})";
                }

                if (error is not null)
                {
                    errors.Add((i, error));
                }
                else if (file is not null)
                {
                    RandomAccess.Write(file, scratch, (long)i * sampleBytes);
                }

                return scratch;
            },
            _ => { });
        ThrowIfErrors(items, errors);
        if (buffer is not null)
        {
            return torch.tensor(buffer, [items.Count, channels, size, size], ScalarType.Byte);
        }

        // The mapping keeps the data reachable after the file is closed and unlinked (DeleteOnClose).
        return torch.from_file(path!, shared: true, size: total, dtype: ScalarType.Byte).view(items.Count, channels, size, size);
    }

    public static Tensor Decode(IReadOnlyList<byte[]> images, int size, int channels)
    {
        var sampleBytes = channels * size * size;
        var buffer = new byte[images.Count * sampleBytes];
        var errors = new System.Collections.Concurrent.ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, images.Count, i =>
        {
            var error = ImageDecoder.TryDecode(images[i], size, channels, buffer.AsSpan(i * sampleBytes, sampleBytes));
            if (error is not null)
            {
                errors.Add((i, error));
            }
        });
        if (!errors.IsEmpty)
        {
            throw new MlValidationException("inputs", string.Join(" ", errors.OrderBy(e => e.Index).Take(10).Select(e => $"Input {e.Index} {e.Message}.")));
        }

        return torch.tensor(buffer, [images.Count, channels, size, size], ScalarType.Byte);
    }

    private static void ThrowIfErrors(IReadOnlyList<MlItem> items, System.Collections.Concurrent.ConcurrentBag<(int Index, string Message)> errors)
    {
        if (errors.IsEmpty)
        {
            return;
        }

        var listed = errors.OrderBy(e => e.Index).Take(10).Select(e => $"Item '{items[e.Index].Id}' {e.Message}.").ToList();
        if (errors.Count > 10)
        {
            listed.Add($"{errors.Count - 10} more items cannot be read.");
        }

        throw new MlValidationException(new Dictionary<string, string[]> { ["items"] = [.. listed] });
    }
}
