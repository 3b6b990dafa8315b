using Platform.Contracts;
using Platform.Datasets.Formats.Writers;

namespace Platform.Datasets.Formats;

/// <summary>Exports a dataset to a file in one of the formats its kind supports, streaming it to the output.</summary>
public static class DatasetWriters
{
    private static readonly IReadOnlyList<DatasetFormat> ImageClassification = [DatasetFormat.ImageFolders];
    private static readonly IReadOnlyList<DatasetFormat> ObjectDetection =
        [DatasetFormat.Coco, DatasetFormat.Yolo, DatasetFormat.PascalVoc];
    private static readonly IReadOnlyList<DatasetFormat> TextClassification = [DatasetFormat.CsvText, DatasetFormat.JsonlText];
    private static readonly IReadOnlyList<DatasetFormat> Table = [DatasetFormat.CsvTable];

    public static IReadOnlyList<DatasetFormat> FormatsFor(DatasetKind kind) => kind switch
    {
        DatasetKind.ImageClassification => ImageClassification,
        DatasetKind.ObjectDetection => ObjectDetection,
        DatasetKind.TextClassification => TextClassification,
        DatasetKind.Table => Table,
        _ => [],
    };

    /// <summary>The download's file name: the dataset name reduced to [A-Za-z0-9._-], then the format's suffix.</summary>
    public static string FileName(string datasetName, DatasetFormat format)
    {
        var name = ExportPaths.SafeFileStem(datasetName);
        return format switch
        {
            DatasetFormat.ImageFolders => $"{name}-folders.zip",
            DatasetFormat.Coco => $"{name}-coco.zip",
            DatasetFormat.Yolo => $"{name}-yolo.zip",
            DatasetFormat.PascalVoc => $"{name}-voc.zip",
            DatasetFormat.CsvTable or DatasetFormat.CsvText => $"{name}.csv",
            DatasetFormat.JsonlText => $"{name}.jsonl",
            _ => throw new ArgumentException($"{format} is not an export format.", nameof(format)),
        };
    }

    public static string ContentType(DatasetFormat format) => format switch
    {
        DatasetFormat.ImageFolders or DatasetFormat.Coco or DatasetFormat.Yolo or DatasetFormat.PascalVoc => "application/zip",
        DatasetFormat.CsvTable or DatasetFormat.CsvText => "text/csv; charset=utf-8",
        DatasetFormat.JsonlText => "application/x-ndjson; charset=utf-8",
        _ => throw new ArgumentException($"{format} is not an export format.", nameof(format)),
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
            throw new ArgumentException($"A {dataset.Kind} dataset cannot be exported as {format}.", nameof(format));
        }

        var counter = new ProgressCounter(progress);
        var export = new ExportContext(dataset, openBlob, output, counter);
        await (format switch
        {
            DatasetFormat.ImageFolders => ImageFoldersWriter.WriteAsync(export, ct),
            DatasetFormat.Coco => CocoWriter.WriteAsync(export, ct),
            DatasetFormat.Yolo => YoloWriter.WriteAsync(export, ct),
            DatasetFormat.PascalVoc => PascalVocWriter.WriteAsync(export, ct),
            DatasetFormat.CsvTable => CsvTableWriter.WriteAsync(export, ct),
            DatasetFormat.CsvText => TextWriters.WriteCsvAsync(export, ct),
            _ => TextWriters.WriteJsonlAsync(export, ct),
        });
        await output.FlushAsync(ct);
        counter.Finish();
    }
}
