using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Data;

/// <summary>Decodes images once, on all cores, into one uint8 tensor [N, C, S, S].</summary>
internal static class ImageCache
{
    public static Tensor Build(IReadOnlyList<MlItem> items, int size, int channels, CancellationToken ct)
    {
        var sampleBytes = channels * size * size;
        var buffer = new byte[(long)items.Count * sampleBytes];
        var errors = new System.Collections.Concurrent.ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            string? error;
            try
            {
                using var stream = items[i].Open();
                error = ImageDecoder.TryDecode(ImageDecoder.ReadAll(stream), size, channels, buffer.AsSpan(i * sampleBytes, sampleBytes));
            }
            catch (IOException e)
            {
                error = $"could not be read ({e.Message})";
            }

            if (error is not null)
            {
                errors.Add((i, error));
            }
        });
        ThrowIfErrors(items, errors);
        return torch.tensor(buffer, [items.Count, channels, size, size], ScalarType.Byte);
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
