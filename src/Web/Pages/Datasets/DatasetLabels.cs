using Platform.Contracts;

namespace Platform.Web.Pages.Datasets;

/// <summary>Names a person reads for the dataset enums.</summary>
public static class DatasetLabels
{
    /// <summary>The formats an import reads; the image lists and JSON Lines tables are export only.</summary>
    public static readonly DatasetFormat[] ImportFormats = Enum.GetValues<DatasetFormat>()
        .Except([DatasetFormat.CsvImages, DatasetFormat.JsonlImages, DatasetFormat.JsonlTable]).ToArray();

    public static string Kind(DatasetKind? kind) => kind switch
    {
        DatasetKind.ImageClassification => "Image classification",
        DatasetKind.ObjectDetection => "Object detection",
        DatasetKind.TextClassification => "Text classification",
        DatasetKind.Table => "Table",
        _ => "Not imported yet",
    };

    public static string Format(DatasetFormat format) => format switch
    {
        DatasetFormat.Auto => "Detect automatically",
        DatasetFormat.ImageFolders => "Image folders (one folder per class)",
        DatasetFormat.Coco => "COCO (JSON)",
        DatasetFormat.Yolo => "YOLO (text labels)",
        DatasetFormat.PascalVoc => "Pascal VOC (XML)",
        DatasetFormat.CsvTable => "CSV table",
        DatasetFormat.CsvText => "CSV text (text and label columns)",
        DatasetFormat.JsonlText => "JSON Lines text",
        DatasetFormat.CsvImages => "CSV image list (with the images)",
        DatasetFormat.JsonlImages => "JSON Lines image list (with the images)",
        DatasetFormat.JsonlTable => "JSON Lines table",
        _ => format.ToString(),
    };

    public static string Split(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "Train",
        DatasetSplit.Validation => "Validation",
        DatasetSplit.Test => "Test",
        _ => "None",
    };

    public static string Source(VersionSourceKind source) => source switch
    {
        VersionSourceKind.Import => "Import",
        VersionSourceKind.Split => "Split",
        VersionSourceKind.Annotation => "Annotation",
        _ => source.ToString(),
    };

    public static string OnError(ImportErrorPolicy policy) => policy switch
    {
        ImportErrorPolicy.SkipBadItems => "Skip bad items and report them",
        ImportErrorPolicy.RefuseImport => "Refuse the whole import",
        _ => policy.ToString(),
    };

    public static string Mode(ImportMode mode) => mode switch
    {
        ImportMode.NewSnapshot => "New version with only these files",
        ImportMode.AddToLatest => "New version: latest version plus these files",
        _ => mode.ToString(),
    };

    public static bool IsImages(DatasetKind? kind) => kind is DatasetKind.ImageClassification or DatasetKind.ObjectDetection;

    /// <summary>A stable color per class label, for chips and boxes (see <see cref="LabelPalette"/>).</summary>
    public static string LabelColor(string? label) => LabelPalette.For(label).Background;
}
