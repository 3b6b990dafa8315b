using SkiaSharp;

namespace Platform.Ml.Samples;

/// <summary>
/// A generated 10-class image set (shapes with jitter, varying stroke and brightness, noise), mirror-symmetric
/// classes only, for demos, tests and benchmarks when no real data is at hand.
/// </summary>
public static class SampleImages
{
    public static readonly IReadOnlyList<string> Classes =
        ["circle", "disc", "square", "block", "hbar", "vbar", "plus", "cross", "triangle", "dots"];

    /// <summary>PNG-encoded items; every <paramref name="testEvery"/>-th image of a class goes to the test split.</summary>
    /// <param name="difficulty">0 gives clean shapes; 1 adds rotation, clutter strokes and heavy noise.</param>
    public static IReadOnlyList<MlItem> Create(int perClass, int seed = 1, int size = 28, bool color = false, int testEvery = 6, bool mixedSizes = false, double difficulty = 0)
    {
        var random = new Random(seed);
        var items = new List<MlItem>(perClass * Classes.Count);
        for (var i = 0; i < perClass; i++)
        {
            for (var c = 0; c < Classes.Count; c++)
            {
                var side = mixedSizes ? size + random.Next(-size / 4, size / 2) : size;
                var png = Draw(c, side, color, random, difficulty);
                var split = testEvery > 0 && i % testEvery == testEvery - 1 ? MlSplit.Test : MlSplit.Train;
                items.Add(new MlItem($"{Classes[c]}-{i}", () => new MemoryStream(png, writable: false), Classes[c], split));
            }
        }

        return items;
    }

    public static byte[] Draw(int shape, int size, bool color, Random random, double difficulty = 0)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var background = (byte)random.Next(0, 60);
        canvas.Clear(color ? new SKColor((byte)random.Next(0, 80), background, (byte)random.Next(0, 80)) : new SKColor(background, background, background));
        var level = (byte)random.Next(150, 256);
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Color = color ? new SKColor(level, (byte)random.Next(80, 256), (byte)random.Next(80, 256)) : new SKColor(level, level, level),
            StrokeWidth = size * (0.06f + (0.05f * random.NextSingle())),
            Style = SKPaintStyle.Stroke,
        };
        var s = size / 28f;
        canvas.RotateDegrees((float)((random.NextDouble() - 0.5) * 50 * difficulty), size / 2f, size / 2f);
        float cx = (size / 2f) + ((random.NextSingle() - 0.5f) * 6 * s), cy = (size / 2f) + ((random.NextSingle() - 0.5f) * 6 * s);
        var r = size * (0.22f + (0.12f * random.NextSingle()));
        switch (shape)
        {
            case 0: canvas.DrawCircle(cx, cy, r, paint); break;
            case 1: paint.Style = SKPaintStyle.Fill; canvas.DrawCircle(cx, cy, r * 0.8f, paint); break;
            case 2: canvas.DrawRect(cx - r, cy - r, 2 * r, 2 * r, paint); break;
            case 3: paint.Style = SKPaintStyle.Fill; canvas.DrawRect(cx - (r * 0.8f), cy - (r * 0.8f), 1.6f * r, 1.6f * r, paint); break;
            case 4: canvas.DrawLine(cx - r, cy, cx + r, cy, paint); canvas.DrawLine(cx - r, cy - (r * 0.6f), cx + r, cy - (r * 0.6f), paint); break;
            case 5: canvas.DrawLine(cx, cy - r, cx, cy + r, paint); canvas.DrawLine(cx - (r * 0.6f), cy - r, cx - (r * 0.6f), cy + r, paint); break;
            case 6: canvas.DrawLine(cx - r, cy, cx + r, cy, paint); canvas.DrawLine(cx, cy - r, cx, cy + r, paint); break;
            case 7: canvas.DrawLine(cx - r, cy - r, cx + r, cy + r, paint); canvas.DrawLine(cx - r, cy + r, cx + r, cy - r, paint); break;
            case 8:
                using (var path = new SKPath())
                {
                    path.MoveTo(cx, cy - r);
                    path.LineTo(cx + r, cy + (r * 0.8f));
                    path.LineTo(cx - r, cy + (r * 0.8f));
                    path.Close();
                    canvas.DrawPath(path, paint);
                }

                break;
            default:
                paint.Style = SKPaintStyle.Fill;
                foreach (var (dx, dy) in new[] { (-1, -1), (1, -1), (-1, 1), (1, 1) })
                {
                    canvas.DrawCircle(cx + (dx * r * 0.6f), cy + (dy * r * 0.6f), r * 0.22f, paint);
                }

                break;
        }

        canvas.ResetMatrix();
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = size * 0.05f;
        for (var k = 0; k < (int)Math.Round(difficulty * 3 * random.NextDouble()); k++)
        {
            paint.Color = paint.Color.WithAlpha((byte)random.Next(60, 200));
            canvas.DrawLine(random.NextSingle() * size, random.NextSingle() * size, random.NextSingle() * size, random.NextSingle() * size, paint);
        }

        using var image = surface.Snapshot();
        using var pixels = SKBitmap.FromImage(image);
        AddNoise(pixels, random, color, 20 + (int)(50 * difficulty));
        using var data = pixels.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void AddNoise(SKBitmap bitmap, Random random, bool color, int amplitude)
    {
        var span = bitmap.GetPixelSpan();
        var bytes = new byte[span.Length];
        span.CopyTo(bytes);
        for (var i = 0; i < bytes.Length; i += 4)
        {
            var n = random.Next(-amplitude, amplitude + 1);
            for (var c = 0; c < 3; c++)
            {
                bytes[i + c] = (byte)Math.Clamp(bytes[i + c] + (color ? random.Next(-amplitude, amplitude + 1) : n), 0, 255);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
    }
}
