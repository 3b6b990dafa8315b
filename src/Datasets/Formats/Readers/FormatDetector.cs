using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Tells the layout from file names alone. A CSV file is reported as a table; its header decides text or table later.</summary>
internal static class FormatDetector
{
    public const string AcceptedLayouts =
        "Accepted layouts: image folders (cat/1.jpg, dog/2.jpg, optionally under train/, val/ and test/; loose images with no folder are an unlabeled set); "
        + "COCO (a .json with images, annotations and categories, plus the images); "
        + "YOLO (data.yaml or classes.txt, images/ and labels/ with one .txt per image); "
        + "Pascal VOC (Annotations/*.xml and JPEGImages/); "
        + "a table (one .csv with a header line); "
        + "text classification (one .csv with text and label columns, or one .jsonl with text and label keys).";

    public static DatasetFormat Detect(Upload upload)
    {
        var files = upload.Files;
        if (files.Count == 0)
            throw new DatasetFormatException("The upload is empty (system files such as __MACOSX/ and .DS_Store are ignored). " + AcceptedLayouts);
        var images = upload.Images.ToList();
        var imagesInFolders = images.Any(i => i.Path.Contains('/'));

        if (upload.WithExtension(".json").Any()) return DatasetFormat.Coco;
        if (YoloNames.Find(upload) is not null && (files.Any(f => YoloReader.IsLabelFile(f.Path))
                || images.Any(i => LayoutNames.Segments(i.Path).Contains("images", StringComparer.OrdinalIgnoreCase)
                    || upload.Find(LayoutNames.WithoutExtension(i.Path) + ".txt") is not null)))
            return DatasetFormat.Yolo;
        var xmls = PascalVocReader.AnnotationFiles(upload);
        if (xmls.Any(x => LayoutNames.Segments(x.Path).Contains("Annotations", StringComparer.OrdinalIgnoreCase)) || (xmls.Count > 0 && images.Count > 0))
            return DatasetFormat.PascalVoc;

        // A stray CSV beside images in class folders is taken as notes, not as the dataset.
        if (!imagesInFolders)
        {
            var jsonl = upload.WithExtension(".jsonl").ToList();
            var csv = upload.WithExtension(".csv").ToList();
            if (jsonl.Count == 1) return DatasetFormat.JsonlText;
            if (csv.Count == 1) return DatasetFormat.CsvTable;
            if (jsonl.Count + csv.Count > 1)
                throw new DatasetFormatException(
                    $"Found {jsonl.Count + csv.Count} table or text files ({string.Join(", ", jsonl.Concat(csv).Select(f => f.Path).Take(5))}): "
                    + "a table or text import reads exactly one .csv or .jsonl file.");
        }
        // Loose images with no folder are an unlabeled set, to label in an annotation project.
        if (images.Count > 0) return DatasetFormat.ImageFolders;
        throw new DatasetFormatException($"Could not recognize the dataset layout: found {Summary(upload)}. {AcceptedLayouts}");
    }

    /// <summary>"12 files: 10 .jpg, 2 .txt".</summary>
    private static string Summary(Upload upload)
    {
        var byExtension = upload.Files
            .GroupBy(f => Path.GetExtension(f.Path) is { Length: > 0 } e ? e.ToLowerInvariant() : "without extension")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        var count = upload.Files.Count;
        return $"{count} file{(count == 1 ? "" : "s")}: {string.Join(", ", byExtension)}";
    }
}
