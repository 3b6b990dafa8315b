using Platform.Contracts;

namespace Platform.Datasets.Formats;

/// <summary>Which export formats fit which kind of dataset, in the order the portal offers them, each described in a line.</summary>
public static class ExportFormats
{
    private static readonly ExportFormatDto[] ImageClassification =
    [
        new(DatasetFormat.ImageFolders, "Image folders", "{split}/{class}/image: one folder per class (no split level when nothing is split)", "-folders.zip"),
        new(DatasetFormat.CsvImages, "CSV", "labels.csv with path,label,split, and the images in image folders", "-csv.zip"),
        new(DatasetFormat.JsonlImages, "JSON Lines", "labels.jsonl, one {\"path\",\"label\",\"split\"} per image, and the images in image folders", "-jsonl.zip"),
        new(DatasetFormat.Coco, "COCO labels", "annotations/labels_{split}.json: one category_id per image, no boxes (Datumaro's coco_labels)", "-coco.zip"),
        new(DatasetFormat.Yolo, "YOLO classification", "Ultralytics layout: train/, val/, test/ with one folder per class (unsplit items in unsplit/)", "-yolo-cls.zip"),
    ];

    private static readonly ExportFormatDto[] ObjectDetection =
    [
        new(DatasetFormat.Coco, "COCO", "annotations/instances_{split}.json with boxes, images in images/{split}/", "-coco.zip"),
        new(DatasetFormat.Yolo, "YOLO", "data.yaml, images/{split}/ and labels/{split}/ with one normalized box per line", "-yolo.zip"),
        new(DatasetFormat.PascalVoc, "Pascal VOC", "Annotations/*.xml, JPEGImages/ and ImageSets/Main/{train,val,test}.txt", "-voc.zip"),
    ];

    private static readonly ExportFormatDto[] TextClassification =
    [
        new(DatasetFormat.CsvText, "CSV", "text,label,split, one row per text", ".csv"),
        new(DatasetFormat.JsonlText, "JSON Lines", "one {\"text\",\"label\",\"split\"} object per line", ".jsonl"),
    ];

    private static readonly ExportFormatDto[] Table =
    [
        new(DatasetFormat.CsvTable, "CSV", "the columns as imported, then split", ".csv"),
        new(DatasetFormat.JsonlTable, "JSON Lines", "one object per row: column name to value (numbers as numbers), then split", ".jsonl"),
    ];

    public static IReadOnlyList<ExportFormatDto> For(DatasetKind kind) => kind switch
    {
        DatasetKind.ImageClassification => ImageClassification,
        DatasetKind.ObjectDetection => ObjectDetection,
        DatasetKind.TextClassification => TextClassification,
        DatasetKind.Table => Table,
        _ => [],
    };

    public static ExportFormatDto? Find(DatasetKind kind, DatasetFormat format) => For(kind).FirstOrDefault(f => f.Format == format);

    /// <summary>"CSV (CsvText) or JSON Lines (JsonlText)": the formats that fit, as a refusal names them.</summary>
    public static string Describe(DatasetKind kind)
    {
        var names = For(kind).Select(f => $"{f.Name} ({f.Format})").ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
