using System.IO.Compression;
using Platform.Contracts;
using Platform.Datasets.Formats;
using Platform.Jobs.Training;
using Platform.Ml;
using Platform.Ml.Samples;

namespace Platform.Bench.Training;

/// <summary>
/// What <c>quality</c> and <c>product-quality</c> train on: labeled images (<c>--train PATH --test PATH</c>, image
/// folders or zips, or the generated set), or one file given with <c>--data FILE</c>: a JSON Lines text set or a CSV
/// table whose rows name their split. Texts and tables are read by the product's own import readers, so the core and
/// the product see the same rows, labels and splits.
/// </summary>
internal sealed record QualitySet(string Template, List<MlItem>? Items, MlTable? Table, string Description, string? DataFile)
{
    public int TestCount => Items?.Count(i => i.Split == MlSplit.Test) ?? Table!.Rows.Count(r => r.Split == MlSplit.Test);

    public static async Task<QualitySet> LoadAsync(string[] options)
    {
        string? Option(string name) => Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
        if (Option("--data") is { } data) return await ReadFileAsync(Path.GetFullPath(data));
        var train = Option("--train");
        var test = Option("--test");
        if (train is null)
        {
            List<MlItem> generated = [.. SampleImages.Create(BenchOptions.Count(options, "--samples-per-class", 700), seed: 42, difficulty: 1)];
            return Images(generated, $"generated set: {generated.Count} noisy rotated shapes, 28x28 gray, 10 classes, every 6th image of a class in test");
        }
        var items = ImageFolderSource.Load(train, MlSplit.Train);
        if (test is not null) items.AddRange(ImageFolderSource.Load(test, MlSplit.Test));
        return Images(items, $"{train}{(test is null ? "" : " + " + test)}: {items.Count} images");
    }

    /// <summary>The file the product imports: the data file itself, or a zip of the images written into <paramref name="folder"/>.</summary>
    public string WriteUpload(string folder)
    {
        if (DataFile is not null) return DataFile;
        var zip = Path.Combine(folder, "images.zip");
        WriteZip(Items!, zip);
        return zip;
    }

    private static QualitySet Images(List<MlItem> items, string description) => new(MlTemplates.DefaultImage, items, null, description, null);

    private static async Task<QualitySet> ReadFileAsync(string path)
    {
        var file = new SourceFile(Path.GetFileName(path), new FileInfo(path).Length, "");
        var parsed = await DatasetReaders.ReadAsync([file], (_, _) => Task.FromResult<Stream>(File.OpenRead(path)), new ImportOptions(), CancellationToken.None);
        if (parsed.Problems.Count > 0) throw new InvalidDataException($"{path}: {parsed.Problems.Count} rows the import would leave out, first: {parsed.Problems[0].Message}");
        var splits = string.Join(", ", parsed.Items.GroupBy(i => i.Split).Select(g => $"{g.Count():N0} {g.Key}"));
        switch (parsed.Kind)
        {
            case DatasetKind.TextClassification:
                var texts = parsed.Items.Select(i => new MlItem(i.Path, TextOpener(i.Text ?? ""), i.Label!, TrainingInputs.Split(i.Split))).ToList();
                return new QualitySet(MlTemplates.TextClassification, texts, null, $"{path}: {texts.Count:N0} texts in {parsed.Classes.Count} classes ({splits})", path);
            case DatasetKind.Table:
                var columns = parsed.Columns!;
                var target = columns.First(c => c.Name == parsed.TargetColumn);
                var rows = parsed.Items.Select(i => new MlRow(i.Path, i.Cells!, TrainingInputs.Split(i.Split))).ToList();
                var template = target.Type == ColumnType.Number ? MlTemplates.TabularRegression : MlTemplates.TabularClassification;
                return new QualitySet(template, null, new MlTable([.. columns.Select(c => c.Name)], rows, target.Name),
                    $"{path}: {rows.Count:N0} rows, {columns.Count - 1} features, target '{target.Name}' ({template}; {splits})", path);
            default:
                throw new InvalidDataException($"{path} reads as {parsed.Kind}; --data takes a JSON Lines text set or a CSV table.");
        }
    }

    private static Func<Stream> TextOpener(string text) => () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text), writable: false);


    /// <summary>
    /// A zip the image-folder reader imports with the same splits: <c>train/&lt;class&gt;/…</c> and <c>test/&lt;class&gt;/…</c>
    /// (entries stored: the images are compressed already).
    /// </summary>
    private static void WriteZip(IEnumerable<MlItem> items, string path)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var folder = item.Split switch
            {
                MlSplit.Test => "test",
                MlSplit.Validation => "val",
                _ => "train",
            };
            var stem = Path.GetFileNameWithoutExtension(item.Id.Replace('\\', '/').Split('/')[^1]);
            using var source = item.Open();
            var extension = Path.GetExtension(item.Id) is { Length: > 0 } e ? e : ".png"; // generated items are PNGs without a file name
            var name = $"{folder}/{item.Label}/{stem}{extension}";
            for (var n = 2; !names.Add(name); n++) name = $"{folder}/{item.Label}/{stem}-{n}{extension}";
            using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            source.CopyTo(entry);
        }
    }
}
