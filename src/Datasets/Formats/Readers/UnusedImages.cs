namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// The last guard against silent loss: every image of the upload that became no item, and that no other problem
/// names, is reported as left out (a second dataset in another layout, images that no annotation file lists...).
/// </summary>
internal static class UnusedImages
{
    public static ParsedDataset Report(Upload upload, ParsedDataset parsed)
    {
        var used = parsed.Items.Where(i => i.Image is not null).Select(i => i.Image!.Path).ToHashSet(StringComparer.Ordinal);
        var named = parsed.Problems.Select(p => p.File).Concat(parsed.RejectedImages ?? []).ToHashSet(StringComparer.Ordinal);
        var unused = upload.Images.Where(i => !used.Contains(i.Source.Path) && !named.Contains(i.Path)).ToList();
        if (unused.Count == 0) return parsed;
        var why = parsed.Kind is Contracts.DatasetKind.Table or Contracts.DatasetKind.TextClassification
            ? $"not imported: a {Name(parsed.Format)} import takes no images"
            : $"not imported: no {Name(parsed.Format)} annotation refers to this image";
        return parsed with { Problems = [.. parsed.Problems, .. unused.Select(i => new ImportProblem(i.Path, why))] };
    }

    private static string Name(Contracts.DatasetFormat format) => format switch
    {
        Contracts.DatasetFormat.Coco => "COCO",
        Contracts.DatasetFormat.Yolo => "YOLO",
        Contracts.DatasetFormat.PascalVoc => "Pascal VOC",
        Contracts.DatasetFormat.CsvTable => "CSV table",
        Contracts.DatasetFormat.CsvText => "CSV text",
        Contracts.DatasetFormat.JsonlText => "JSONL text",
        _ => "image-folder",
    };
}
