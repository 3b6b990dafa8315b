using System.Xml;
using System.Xml.Linq;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>
/// Pascal VOC: Annotations/*.xml with images in JPEGImages/ and splits in ImageSets/Main/*.txt; also xml files lying
/// beside their images (LabelImg), with the split taken from a train/val/test folder.
/// </summary>
internal static class PascalVocReader
{
    private static readonly XmlReaderSettings XmlSettings = new() { Async = true, DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    public static async Task<ParsedDataset> ReadAsync(Upload upload, OpenSource open, CancellationToken ct)
    {
        var xmls = AnnotationFiles(upload).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (xmls.Count == 0) throw new DatasetFormatException("No Pascal VOC annotation files: expected Annotations/*.xml.");
        var splits = await VocSplits.ReadAsync(upload, open, ct);
        var problems = new List<ImportProblem>();
        var items = new List<ParsedItem>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var annotated = new HashSet<string>(StringComparer.Ordinal);
        var classes = new SortedSet<string>(StringComparer.Ordinal);
        var rejected = new List<string>();
        foreach (var xml in xmls)
        {
            var annotation = await ParseAsync(open, xml, problems, ct);
            if (annotation is null) continue;
            classes.UnionWith(annotation.Boxes.Select(b => b.Label));
            var image = Resolve(upload, xml.Path, annotation.FileName);
            if (image is not null) annotated.Add(image.Path);
            if (image is null) problems.Add(new(xml.Path, $"missing image file {annotation.FileName ?? LayoutNames.Stem(xml.Path) + ".jpg"}"));
            problems.AddRange(annotation.Errors.Select(e => new ImportProblem(xml.Path, e)));
            if (image is not null && annotation.Errors.Count > 0) rejected.Add(image.Path);
            if (image is null || annotation.Errors.Count > 0) continue;
            Add(new ParsedItem(ItemPath(image.Path), image.Source, null, SplitOf(xml.Path, image.Path, splits), annotation.Boxes,
                Width: annotation.Width, Height: annotation.Height), image.Path);
        }

        // Images nobody annotated are kept without boxes, as in COCO and YOLO.
        var xmlFolders = xmls.Select(x => LayoutNames.Folder(x.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var image in upload.Images.Where(i => !annotated.Contains(i.Path) && (IsUnder(i.Path, "JPEGImages") || xmlFolders.Contains(LayoutNames.Folder(i.Path)))))
            Add(new ParsedItem(ItemPath(image.Path), image.Source, null, SplitOf(image.Path, image.Path, splits), []), image.Path);

        if (await VocLabelMap.ReadAsync(upload, open, ct) is { } declared)
        {
            foreach (var undeclared in classes.Except(declared, StringComparer.Ordinal))
                problems.Add(new("labelmap.txt", $"the label '{undeclared}' is used by boxes but not declared; it was imported as a class of its own"));
            classes.UnionWith(declared);
        }
        if (classes.Count == 0)
            throw new DatasetFormatException($"No object could be read from the {xmls.Count} annotation files"
                + (problems.Count > 0 ? $" ({problems[0].File}: {problems[0].Message})." : ": a detection dataset needs at least one labeled box."));
        return new ParsedDataset(DatasetKind.ObjectDetection, DatasetFormat.PascalVoc, classes.ToList(), items, problems, RejectedImages: rejected);

        void Add(ParsedItem item, string file)
        {
            if (paths.Add(item.Path)) items.Add(item);
            else problems.Add(new(file, $"another image is also named {item.Path}"));
        }
    }

    /// <summary>The xml files under an Annotations folder, or every xml file when there is no such folder.</summary>
    public static List<UploadFile> AnnotationFiles(Upload upload)
    {
        var xmls = upload.WithExtension(".xml").ToList();
        var underAnnotations = xmls.Where(x => IsUnder(x.Path, "Annotations")).ToList();
        return underAnnotations.Count > 0 ? underAnnotations : xmls;
    }

    private static async Task<VocAnnotation?> ParseAsync(OpenSource open, UploadFile xml, List<ImportProblem> problems, CancellationToken ct)
    {
        try
        {
            await using var stream = await open(xml.Source, ct);
            using var reader = XmlReader.Create(stream, XmlSettings);
            var document = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
            if (document.Root?.Name.LocalName == "annotation") return VocAnnotation.Parse(document);
            problems.Add(new(xml.Path, $"not a Pascal VOC annotation (the root element is <{document.Root?.Name.LocalName}>, not <annotation>)"));
        }
        catch (XmlException e)
        {
            problems.Add(new(xml.Path, $"not valid XML ({e.Message})"));
        }
        return null;
    }

    private static UploadFile? Resolve(Upload upload, string xmlPath, string? fileName)
    {
        var folder = LayoutNames.Folder(xmlPath);
        var segments = LayoutNames.Segments(folder);
        var annotations = Array.FindLastIndex(segments, s => s.Equals("Annotations", StringComparison.OrdinalIgnoreCase));
        if (annotations >= 0) segments[annotations] = "JPEGImages";
        var folders = new[] { string.Join('/', segments), folder, "JPEGImages", "" }.Distinct().ToList();
        // The file name in the xml may be stale (renamed file, other extension), so the xml's own stem is tried too.
        var names = new List<string>();
        if (fileName is not null) names.Add(fileName);
        names.AddRange(LayoutNames.ImageExtensions.Select(e => LayoutNames.Stem(xmlPath) + e));
        return names.SelectMany(n => folders.Select(f => upload.Find(LayoutNames.Combine(f, n)))).FirstOrDefault(f => f is not null)
            ?? names.Select(upload.FindUniqueByName).FirstOrDefault(f => f is not null && LayoutNames.IsImage(f.Path));
    }

    private static DatasetSplit SplitOf(string annotationPath, string imagePath, Dictionary<string, DatasetSplit> splits) =>
        splits.TryGetValue(LayoutNames.Stem(annotationPath), out var split) || splits.TryGetValue(LayoutNames.Stem(imagePath), out split)
            ? split
            : LayoutNames.Segments(imagePath)[..^1].Select(LayoutNames.SplitFromName).FirstOrDefault(s => s is not null) ?? DatasetSplit.None;

    /// <summary>The image's path below JPEGImages, else its file name.</summary>
    private static string ItemPath(string imagePath)
    {
        var segments = LayoutNames.Segments(imagePath);
        var at = Array.FindLastIndex(segments, s => s.Equals("JPEGImages", StringComparison.OrdinalIgnoreCase));
        return at >= 0 ? string.Join('/', segments[(at + 1)..]) : segments[^1];
    }

    private static bool IsUnder(string path, string folder) =>
        LayoutNames.Segments(path)[..^1].Contains(folder, StringComparer.OrdinalIgnoreCase);
}
