using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// class/image.jpg, or {train,val,test,unsplit}/class/image.jpg: the folder names the class. Images with no folder at
/// all are unlabeled items, to label in an annotation project.
/// </summary>
internal static class ImageFolderReader
{
    public static ParsedDataset Read(Upload upload)
    {
        var images = upload.Images.ToList();
        if (images.Count == 0)
            throw new DatasetFormatException("The upload has no images (.jpg, .jpeg, .png, .bmp, .gif or .webp).");
        var topFolders = images.Where(f => f.Path.Contains('/')).Select(f => LayoutNames.Segments(f.Path)[0]).Distinct().ToList();
        var split = topFolders.Count > 0 && topFolders.All(LayoutNames.IsSplitName);

        var items = new List<ParsedItem>();
        var problems = new List<ImportProblem>();
        foreach (var image in images)
        {
            var segments = LayoutNames.Segments(image.Path);
            var classIndex = split ? 1 : 0;
            if (segments.Length < classIndex + 2)
            {
                var where = split ? $"directly in the {segments[0]} folder" : "at the root";
                problems.Add(new(image.Path, $"image is {where}, not in a class folder"));
                continue;
            }
            var itemSplit = split ? LayoutNames.SplitFromName(segments[0])!.Value : DatasetSplit.None;
            // A nested folder is a class of its own (label_1/label_1_1), as other tools read it, not its parent's.
            items.Add(new ParsedItem(image.Path, image.Source, string.Join('/', segments[classIndex..^1]), itemSplit, []));
        }

        var classes = items.Select(i => i.Label!).Distinct().Order(StringComparer.Ordinal).ToList();
        // Loose images with no folder at all are a set to label (in an annotation project), not a mistake.
        if (classes.Count == 0 && !split)
            return new ParsedDataset(DatasetKind.ImageClassification, DatasetFormat.ImageFolders, [],
                [.. images.Select(i => new ParsedItem(i.Path, i.Source, null, DatasetSplit.None, []))], []);
        if (classes.Count < 2)
            throw new DatasetFormatException(classes.Count == 0
                ? "No image is in a class folder: an image-folder dataset puts each class's images in a folder named after the class (cat/1.jpg, dog/2.jpg)."
                : $"An image-folder dataset needs at least two classes, and only '{classes[0]}' was found: put each class's images in its own folder.");
        return new ParsedDataset(DatasetKind.ImageClassification, DatasetFormat.ImageFolders, classes, items, problems);
    }
}
