using System.Text.Json;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>COCO: one or more .json files (one per split) with images, annotations and categories; bbox is [x, y, w, h] in pixels.</summary>
internal static class CocoReader
{
    /// <summary>
    /// Null when no .json file of the upload means to be a COCO annotation file. One that has images or annotations
    /// but cannot be read as COCO is reported as such, so that the upload is not mistaken for another layout.
    /// </summary>
    public static async Task<ParsedDataset?> TryReadAsync(Upload upload, OpenSource open, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var categories = new List<KeyValuePair<string, string>>();
        var items = new List<ParsedItem>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new List<string>();
        var (boxAnnotations, labelAnnotations) = (0, 0);
        var labelFiles = new List<(string Path, int Count)>();
        var found = false;
        foreach (var json in upload.WithExtension(".json").OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            JsonDocument document;
            try
            {
                await using var stream = await open(json.Source, ct);
                document = await JsonDocument.ParseAsync(stream, default, ct);
            }
            catch (JsonException e)
            {
                problems.Add(new(json.Path, $"not valid JSON ({e.Message})"));
                continue;
            }
            using (document)
            {
                if (!CocoJson.ClaimsCoco(document.RootElement)) continue;
                if (CocoJson.ShapeError(document.RootElement) is { } shape)
                {
                    problems.Add(new(json.Path, $"not a valid COCO file: {shape}"));
                    continue;
                }
                found = true;
                var file = new CocoFile(upload, json, document.RootElement, problems);
                categories.AddRange(file.Categories);
                foreach (var item in file.Items())
                {
                    if (paths.Add(item.Path)) items.Add(item);
                    else problems.Add(new(item.Path, "the image is listed twice"));
                }
                rejected.AddRange(file.Rejected);
                boxAnnotations += file.BoxAnnotations;
                labelAnnotations += file.LabelAnnotations;
                if (file.LabelAnnotations > 0) labelFiles.Add((json.Path, file.LabelAnnotations));
            }
        }
        if (!found) return problems.Count == 0 ? null : throw new DatasetFormatException(
            $"No COCO annotation file could be read: {string.Join("; ", problems.Select(p => $"{p.File} is {p.Message}"))}.");

        // Files may give one id different names: every name is a class (the boxes use their own file's names).
        var classes = categories.OrderBy(c => c.Key, CocoJson.IdOrder).Select(c => c.Value).Distinct().ToList();
        if (classes.Count == 0)
            throw new DatasetFormatException("The COCO annotation file has no categories: a detection dataset needs at least one class.");
        if (labelAnnotations > 0 && boxAnnotations == 0)
            return new ParsedDataset(DatasetKind.ImageClassification, DatasetFormat.Coco, classes, items, problems, RejectedImages: rejected);
        foreach (var (path, count) in labelFiles)
            problems.Add(new(path, $"{count} image-level {(count == 1 ? "label was" : "labels were")} not imported: a detection dataset keeps boxes"));
        items = items.Select(i => i.Label is null ? i : i with { Label = null }).ToList();
        return new ParsedDataset(DatasetKind.ObjectDetection, DatasetFormat.Coco, classes, items, problems, RejectedImages: rejected);
    }

    /// <summary>
    /// instances_train.json → Train; a name with no split hint takes its folder's (Roboflow: train/_annotations.coco.json);
    /// otherwise (or "unsplit") None.
    /// </summary>
    public static DatasetSplit SplitOf(string path)
    {
        var stem = LayoutNames.Stem(path).ToLowerInvariant();
        if (stem.Contains("unsplit")) return DatasetSplit.None;
        if (stem.Contains("train")) return DatasetSplit.Train;
        if (stem.Contains("val")) return DatasetSplit.Validation;
        if (stem.Contains("test")) return DatasetSplit.Test;
        return LayoutNames.SplitFromName(LayoutNames.FileName(LayoutNames.Folder(path))) ?? DatasetSplit.None;
    }
}
