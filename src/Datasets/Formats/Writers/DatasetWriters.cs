using Platform.Contracts;
using Platform.Datasets.Formats.Writers;

namespace Platform.Datasets.Formats;

/// <summary>Exports a dataset to a file in one of the formats its kind supports, streaming it to the output.</summary>
public static class DatasetWriters
{
    public static IReadOnlyList<DatasetFormat> FormatsFor(DatasetKind kind) => ExportFormats.For(kind).Select(f => f.Format).ToList();

    /// <summary>The download's file name: the dataset name reduced to [A-Za-z0-9._-], then the format's suffix.</summary>
    public static string FileName(string datasetName, DatasetKind kind, DatasetFormat format) =>
        ExportPaths.SafeFileStem(datasetName) + (ExportFormats.Find(kind, format)?.FileSuffix
            ?? throw new ArgumentException($"A {kind} dataset cannot be exported as {format}.", nameof(format)));

    public static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".zip" => "application/zip",
        ".csv" => "text/csv; charset=utf-8",
        ".jsonl" => "application/x-ndjson; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// Streams the export to <paramref name="output"/>, which may be non-seekable; only asynchronous writes are used, so
    /// an HTTP response body works. Progress is the number of items written so far (items that cannot be exported, such
    /// as unlabeled images in image folders, are skipped and not counted).
    /// </summary>
    public static async Task WriteAsync(ExportDataset dataset, DatasetFormat format, OpenBlob openBlob, Stream output,
        IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(openBlob);
        ArgumentNullException.ThrowIfNull(output);
        if (!FormatsFor(dataset.Kind).Contains(format))
        {
            throw new ArgumentException($"A {dataset.Kind} dataset cannot be exported as {format}; it exports to {ExportFormats.Describe(dataset.Kind)}.", nameof(format));
        }

        var counter = new ProgressCounter(progress);
        var export = new ExportContext(dataset, openBlob, output, counter);
        var classification = dataset.Kind == DatasetKind.ImageClassification;
        await (format switch
        {
            DatasetFormat.ImageFolders => ImageFoldersWriter.WriteAsync(export, ImageFoldersWriter.Folders, ct),
            DatasetFormat.Yolo when classification => ImageFoldersWriter.WriteAsync(export, ImageFoldersWriter.Ultralytics, ct),
            DatasetFormat.Coco => CocoWriter.WriteAsync(export, classification ? CocoTask.Labels : CocoTask.Instances, ct),
            DatasetFormat.Yolo => YoloWriter.WriteAsync(export, ct),
            DatasetFormat.PascalVoc => PascalVocWriter.WriteAsync(export, ct),
            DatasetFormat.CsvImages => ImageListWriter.WriteCsvAsync(export, ct),
            DatasetFormat.JsonlImages => ImageListWriter.WriteJsonlAsync(export, ct),
            DatasetFormat.CsvTable => CsvTableWriter.WriteAsync(export, ct),
            DatasetFormat.JsonlTable => JsonlTableWriter.WriteAsync(export, ct),
            DatasetFormat.CsvText => TextWriters.WriteCsvAsync(export, ct),
            _ => TextWriters.WriteJsonlAsync(export, ct),
        });
        await output.FlushAsync(ct);
        counter.Finish();
    }
}
