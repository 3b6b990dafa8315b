using Platform.Datasets.Samples;

namespace Platform.Bench;

/// <summary>`samples --out DIR`: writes the generated sample datasets to disk, to try an upload by hand.</summary>
internal static class SampleFiles
{
    public static int Write(string[] options)
    {
        var index = Array.IndexOf(options, "--out");
        var folder = Path.GetFullPath(index >= 0 && index + 1 < options.Length ? options[index + 1] : "samples");
        Directory.CreateDirectory(folder);
        Write(folder, "sample-shapes.zip", s => SampleDatasets.WriteShapesZip(s));
        Write(folder, "sample-detection.zip", s => SampleDatasets.WriteDetectionZip(s));
        Write(folder, "sample-flowers.csv", s => SampleDatasets.WriteTableCsv(s));
        return 0;
    }

    private static void Write(string folder, string name, Action<Stream> write)
    {
        var path = Path.Combine(folder, name);
        using (var file = File.Create(path)) write(file);
        Console.WriteLine($"{path} ({new FileInfo(path).Length / 1024.0:0.#} KiB)");
    }
}
