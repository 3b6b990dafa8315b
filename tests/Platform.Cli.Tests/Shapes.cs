using System.IO.Compression;
using System.Security.Cryptography;
using Platform.Datasets.Samples;

namespace Platform.Cli.Tests;

/// <summary>The server's generated sample of labeled shapes (PNGs in a folder per class), as a zip or a folder.</summary>
public static class Shapes
{
    public static string Zip(string folder, int perClass, string name = "shapes.zip")
    {
        var path = Path.Combine(folder, name);
        using var file = File.Create(path);
        SampleDatasets.WriteShapesZip(file, perClass);
        return path;
    }

    /// <summary>A folder with one subfolder per class (circle, square, triangle).</summary>
    public static string Folder(string parent, int perClass, string name)
    {
        var zip = Zip(parent, perClass, name + ".zip");
        var extracted = Path.Combine(parent, name + "-extracted");
        ZipFile.ExtractToDirectory(zip, extracted);
        File.Delete(zip);
        var folder = Path.Combine(parent, name);
        Directory.Move(Path.Combine(extracted, "shapes"), folder);
        return folder;
    }

    /// <summary>(class, SHA-256 of the image) for every image, from the class folder each sits in.</summary>
    public static List<string> LabeledHashes(IEnumerable<(string Path, byte[] Bytes)> images) =>
        [.. images.Select(i => $"{Path.GetFileName(Path.GetDirectoryName(i.Path))}/{Convert.ToHexStringLower(SHA256.HashData(i.Bytes))}").Order()];

    public static IEnumerable<(string, byte[])> FolderImages(string folder) =>
        Directory.EnumerateFiles(folder, "*.png", SearchOption.AllDirectories).Select(f => (f, File.ReadAllBytes(f)));

    public static IEnumerable<(string, byte[])> ZipImages(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        var images = new List<(string, byte[])>();
        foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".png", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            images.Add((entry.FullName, copy.ToArray()));
        }
        return images;
    }
}
