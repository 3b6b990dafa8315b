using Platform.Contracts;
using Platform.Datasets.Formats.Readers;

namespace Platform.Datasets.Formats;

/// <summary>
/// Reads an extracted upload ('/'-separated relative paths) into items, classes and per-file problems. Only annotation,
/// CSV and JSON files are opened; images are never decoded. Junk (__MACOSX/, dot files, Thumbs.db, desktop.ini) is
/// ignored and a folder that wraps the whole upload is stripped.
/// </summary>
public static class DatasetReaders
{
    /// <summary>The format the file names point to. A single .csv is reported as <see cref="DatasetFormat.CsvTable"/>: only its header (see <see cref="DetectAsync"/>) tells text from table.</summary>
    public static DatasetFormat Detect(IReadOnlyList<SourceFile> files) => FormatDetector.Detect(Upload.From(files));

    /// <summary>Like <see cref="Detect"/>, and reads a single CSV file's header to tell <see cref="DatasetFormat.CsvText"/> from a table.</summary>
    public static async Task<DatasetFormat> DetectAsync(IReadOnlyList<SourceFile> files, OpenSource open, CancellationToken ct)
    {
        var upload = Upload.From(files);
        var format = FormatDetector.Detect(upload);
        if (format != DatasetFormat.CsvTable) return format;
        var document = await CsvDocument.OpenAsync(Single(upload, ".csv"), open, ct);
        return CsvTextReader.LooksLikeText(document, new ImportOptions()) ? DatasetFormat.CsvText : format;
    }

    /// <summary>Reads the upload in <paramref name="options"/>' format (detected when Auto); whole-upload problems throw <see cref="DatasetFormatException"/>.</summary>
    public static async Task<ParsedDataset> ReadAsync(IReadOnlyList<SourceFile> files, OpenSource open, ImportOptions options, CancellationToken ct)
    {
        var upload = Upload.From(files);
        if (upload.Files.Count == 0) FormatDetector.Detect(upload);
        var parsed = await ReadAsync(upload, open, options, options.Format == DatasetFormat.Auto, ct);
        return UnusedImages.Report(upload, parsed);
    }

    private static async Task<ParsedDataset> ReadAsync(Upload upload, OpenSource open, ImportOptions options, bool auto, CancellationToken ct)
    {
        var format = auto ? FormatDetector.Detect(upload) : options.Format;
        switch (format)
        {
            case DatasetFormat.ImageFolders:
                return ImageFolderReader.Read(upload);
            case DatasetFormat.Coco:
                return await CocoReader.TryReadAsync(upload, open, ct) ?? await WithoutCocoAsync(upload, open, options, auto, ct);
            case DatasetFormat.Yolo:
                return await YoloReader.ReadAsync(upload, open, ct);
            case DatasetFormat.PascalVoc:
                return await PascalVocReader.ReadAsync(upload, open, ct);
            case DatasetFormat.JsonlText:
                return await JsonlTextReader.ReadAsync(Single(upload, ".jsonl"), open, options, ct);
            case DatasetFormat.CsvTable or DatasetFormat.CsvText:
                var document = await CsvDocument.OpenAsync(Single(upload, ".csv"), open, ct);
                var text = format == DatasetFormat.CsvText || (auto && CsvTextReader.LooksLikeText(document, options));
                return text ? await CsvTextReader.ReadAsync(document, options, ct) : await CsvTableReader.ReadAsync(document, options, ct);
            default:
                throw new DatasetFormatException($"Cannot import the format {format}.");
        }
    }

    /// <summary>No .json file was a COCO file: when detecting, the upload is read as if the .json files were not there.</summary>
    private static async Task<ParsedDataset> WithoutCocoAsync(Upload upload, OpenSource open, ImportOptions options, bool auto, CancellationToken ct)
    {
        const string noCoco = "No COCO annotation file: none of the .json files has images, annotations and categories.";
        if (!auto) throw new DatasetFormatException(noCoco);
        var rest = new Upload(upload.Files.Where(f => !LayoutNames.HasExtension(f.Path, ".json")).ToList());
        try
        {
            FormatDetector.Detect(rest);
        }
        catch (DatasetFormatException)
        {
            throw new DatasetFormatException($"{noCoco} {FormatDetector.AcceptedLayouts}");
        }
        return await ReadAsync(rest, open, options, auto: true, ct);
    }

    private static UploadFile Single(Upload upload, string extension)
    {
        var matches = upload.WithExtension(extension).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DatasetFormatException($"No {extension} file in the upload."),
            _ => throw new DatasetFormatException(
                $"Found {matches.Count} {extension} files ({string.Join(", ", matches.Select(f => f.Path).Take(5))}): the import reads exactly one."),
        };
    }
}
