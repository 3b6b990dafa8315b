using System.Globalization;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Platform.Datasets.Samples;

/// <summary>
/// Small generated datasets to try the platform with: labeled shape images (classification), shapes with boxes
/// (COCO detection) and a table. Deterministic for a seed, so every installation gets the same sample.
/// </summary>
public static class SampleDatasets
{
    private static readonly string[] Shapes = ["circle", "square", "triangle"];

    /// <summary>A zip of 64×64 PNGs in a folder per class (<paramref name="perClass"/> images each).</summary>
    public static void WriteShapesZip(Stream output, int perClass = 100, int seed = 7)
    {
        var random = new Random(seed);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var shape in Shapes)
            for (var i = 1; i <= perClass; i++)
            {
                using var bitmap = new SKBitmap(64, 64);
                using var canvas = Background(bitmap, random);
                var size = random.Next(18, 34);
                Draw(canvas, shape, random.Next(4, 60 - size), random.Next(4, 60 - size), size, random);
                Add(zip, $"shapes/{shape}/{shape}-{i:D3}.png", bitmap);
            }
    }

    /// <summary>A COCO detection set: 128×128 images with one to three shapes each, boxes in pixels.</summary>
    public static void WriteDetectionZip(Stream output, int images = 60, int seed = 11)
    {
        var random = new Random(seed);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var json = new StringBuilder("{\"images\":[");
        var annotations = new List<string>();
        for (var id = 1; id <= images; id++)
        {
            using var bitmap = new SKBitmap(128, 128);
            using var canvas = Background(bitmap, random);
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var shape = random.Next(Shapes.Length);
                var size = random.Next(20, 44);
                int x = random.Next(2, 126 - size), y = random.Next(2, 126 - size);
                Draw(canvas, Shapes[shape], x, y, size, random);
                annotations.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"id\":{annotations.Count + 1},\"image_id\":{id},\"category_id\":{shape + 1},\"bbox\":[{x},{y},{size},{size}],\"area\":{size * size},\"iscrowd\":0}}"));
            }
            Add(zip, $"images/scene-{id:D3}.png", bitmap);
            json.Append(id > 1 ? "," : "").Append(CultureInfo.InvariantCulture, $"{{\"id\":{id},\"file_name\":\"scene-{id:D3}.png\",\"width\":128,\"height\":128}}");
        }
        json.Append("],\"annotations\":[").AppendJoin(',', annotations).Append("],\"categories\":[")
            .AppendJoin(',', Shapes.Select((s, i) => $"{{\"id\":{i + 1},\"name\":\"{s}\"}}")).Append("]}");
        using var writer = new StreamWriter(zip.CreateEntry("annotations/instances.json").Open());
        writer.Write(json.ToString());
    }

    /// <summary>A table of flower-like measurements with a categorical target column "species".</summary>
    public static void WriteTableCsv(Stream output, int rows = 300, int seed = 13)
    {
        var random = new Random(seed);
        string[] species = ["setosa", "versicolor", "virginica"];
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("sepal_length,sepal_width,petal_length,petal_width,color,species");
        for (var i = 0; i < rows; i++)
        {
            var s = i % 3;
            double Noise(double center, double spread) => Math.Round(center + (random.NextDouble() - 0.5) * spread, 1);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Noise(5 + s * 0.8, 1)},{Noise(3.4 - s * 0.3, 0.8)},{Noise(1.5 + s * 2, 1.2)},{Noise(0.25 + s * 0.8, 0.5)},{(random.Next(4) == 0 ? "" : s == 0 ? "white" : random.Next(2) == 0 ? "blue" : "purple")},{species[s]}"));
        }
    }

    private static SKCanvas Background(SKBitmap bitmap, Random random)
    {
        var canvas = new SKCanvas(bitmap);
        var shade = (byte)random.Next(200, 256);
        canvas.Clear(new SKColor(shade, shade, (byte)random.Next(200, 256)));
        return canvas;
    }

    private static void Draw(SKCanvas canvas, string shape, int x, int y, int size, Random random)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor((byte)random.Next(0, 160), (byte)random.Next(0, 160), (byte)random.Next(0, 160)) };
        switch (shape)
        {
            case "circle": canvas.DrawCircle(x + size / 2f, y + size / 2f, size / 2f, paint); break;
            case "square": canvas.DrawRect(x, y, size, size, paint); break;
            default:
                using (var path = new SKPath())
                {
                    path.MoveTo(x + size / 2f, y);
                    path.LineTo(x + size, y + size);
                    path.LineTo(x, y + size);
                    path.Close();
                    canvas.DrawPath(path, paint);
                }
                break;
        }
        canvas.Flush();
    }

    private static void Add(ZipArchive zip, string path, SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var entry = zip.CreateEntry(path, CompressionLevel.NoCompression).Open();
        data.SaveTo(entry);
    }
}
