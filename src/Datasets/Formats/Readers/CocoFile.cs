using System.Text.Json;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>One COCO annotation file: its categories, and its images with their boxes resolved against the upload.</summary>
internal sealed class CocoFile(Upload upload, UploadFile json, JsonElement root, List<ImportProblem> problems)
{
    private readonly DatasetSplit split = CocoReader.SplitOf(json.Path);

    public IReadOnlyList<KeyValuePair<string, string>> Categories { get; } = CocoJson.Objects(root, "categories")
        .Select(c => (Id: CocoJson.Id(c, "id"), Name: CocoJson.String(c, "name")))
        .Where(c => c.Id is not null)
        .Select(c => KeyValuePair.Create(c.Id!, string.IsNullOrWhiteSpace(c.Name) ? $"class {c.Id}" : c.Name.Trim()))
        .ToList();

    /// <summary>Annotations with a bbox, and annotations that label a whole image (no bbox), once <see cref="Items"/> has run.</summary>
    public int BoxAnnotations { get; private set; }
    public int LabelAnnotations { get; private set; }

    /// <summary>An annotation without a box (no bbox, or an empty one) labels the whole image.</summary>
    private static bool IsLabel(JsonElement annotation) =>
        !annotation.TryGetProperty("bbox", out var bbox) || (bbox.ValueKind == JsonValueKind.Array && bbox.GetArrayLength() == 0);

    /// <summary>Upload paths of the images left out for a bad annotation (reported under their file_name).</summary>
    public List<string> Rejected { get; } = [];

    public IEnumerable<ParsedItem> Items()
    {
        var names = new Dictionary<string, string>();
        foreach (var (id, name) in Categories) names.TryAdd(id, name);
        var images = new Dictionary<string, (string FileName, int? Width, int? Height)>();
        var order = new List<string>();
        ReportNonObjects("images");
        ReportNonObjects("annotations");
        foreach (var image in CocoJson.Objects(root, "images"))
        {
            var id = CocoJson.Id(image, "id");
            var fileName = CocoJson.String(image, "file_name")?.Replace('\\', '/').TrimStart('/');
            if (id is null || string.IsNullOrEmpty(fileName))
            {
                problems.Add(new(json.Path, $"an image entry has no {(id is null ? "id" : "file_name")}"));
                continue;
            }
            if (images.TryAdd(id, (fileName, CocoJson.PositiveInt(image, "width"), CocoJson.PositiveInt(image, "height")))) order.Add(id);
            else problems.Add(new(json.Path, $"image id {id} is used twice"));
        }

        var boxes = order.ToDictionary(id => id, _ => new List<ParsedBox>());
        var labels = order.ToDictionary(id => id, _ => new List<string>());
        var bad = new HashSet<string>();
        var shapes = 0;
        foreach (var annotation in CocoJson.Objects(root, "annotations"))
        {
            var imageId = CocoJson.Id(annotation, "image_id");
            if (imageId is null || !images.TryGetValue(imageId, out var image))
            {
                problems.Add(new(json.Path, $"annotation {CocoJson.Id(annotation, "id") ?? "without id"} refers to unknown image {imageId ?? "(none)"}"));
                continue;
            }
            if (IsLabel(annotation))
            {
                // Classification COCO (Datumaro's coco_labels): a category for the whole image, no bbox.
                var category = CocoJson.Id(annotation, "category_id");
                if (category is not null && names.TryGetValue(category, out var label)) labels[imageId].Add(label);
                else
                {
                    problems.Add(new(image.FileName, $"unknown class (category {category ?? "missing"})"));
                    bad.Add(imageId);
                }
                LabelAnnotations++;
                continue;
            }
            BoxAnnotations++;
            if (HasShape(annotation)) shapes++;
            var error = BoxError(annotation, image.Width, image.Height, names, out var box);
            if (error is null) boxes[imageId].Add(box!);
            else
            {
                problems.Add(new(image.FileName, error));
                bad.Add(imageId);
            }
        }

        if (shapes > 0)
            problems.Add(new(json.Path, $"{shapes} {(shapes == 1 ? "annotation has a segmentation mask or polygon" : "annotations have segmentation masks or polygons")}: only {(shapes == 1 ? "its box was" : "their boxes were")} imported"));
        foreach (var id in order)
        {
            var (fileName, width, height) = images[id];
            if (bad.Contains(id))
            {
                if (Resolve(fileName) is { } left) Rejected.Add(left.Path);
                continue;
            }
            var file = Resolve(fileName);
            if (file is null) problems.Add(new(fileName, "missing image file"));
            // Keyed by the image's path in the upload: train/1.jpg and valid/1.jpg are two items.
            else
            {
                var imageLabels = labels[id].Distinct().ToList();
                if (imageLabels.Count > 1)
                    problems.Add(new(file.Path, $"{imageLabels.Count} labels ({string.Join(", ", imageLabels)}); an image has one class here, the first was kept"));
                yield return new ParsedItem(file.Path, file.Source, imageLabels.FirstOrDefault(), split, boxes[id], Width: width, Height: height);
            }
        }
    }

    /// <summary>A polygon list or an RLE mask (COCO's "segmentation"), which a detection dataset here does not keep.</summary>
    private static bool HasShape(JsonElement annotation) =>
        annotation.TryGetProperty("segmentation", out var shape) && shape.ValueKind switch
        {
            JsonValueKind.Array => shape.GetArrayLength() > 0,
            JsonValueKind.Object => true,
            _ => false,
        };

    private void ReportNonObjects(string list)
    {
        var odd = root.GetProperty(list).EnumerateArray().Where(e => e.ValueKind != JsonValueKind.Object).ToList();
        if (odd.Count > 0)
            problems.Add(new(json.Path, $"{list}: {odd.Count} {(odd.Count == 1 ? "entry is not an object" : "entries are not objects")} (the first is {CocoJson.Describe(odd[0])})"));
    }

    private static string? BoxError(JsonElement annotation, int? width, int? height, Dictionary<string, string> names, out ParsedBox? box)
    {
        box = null;
        var categoryId = CocoJson.Id(annotation, "category_id");
        if (categoryId is null || !names.TryGetValue(categoryId, out var name)) return $"unknown class (category {categoryId ?? "missing"})";
        if (annotation.TryGetProperty("bbox", out var bbox) && bbox.ValueKind is JsonValueKind.String or JsonValueKind.Object)
            return $"bbox is {CocoJson.Describe(bbox)}, not four numbers [x, y, width, height]";
        if (CocoJson.Box(annotation) is not [var x, var y, var w, var h]) return "bbox is not four numbers [x, y, width, height]";
        var error = BoxCheck.Pixels(x, y, w, h, width, height);
        if (error is null) box = new ParsedBox(name, x, y, w, h);
        return error;
    }

    /// <summary>Looks for the image where exporters and common tools put it, then anywhere by its file name.</summary>
    private UploadFile? Resolve(string fileName)
    {
        var jsonFolder = LayoutNames.Folder(json.Path);
        var parent = LayoutNames.Folder(jsonFolder);
        var splitFolders = SplitFolders().ToList();
        var candidates = new List<string>();
        foreach (var baseFolder in new[] { parent, "" }.Distinct())
        {
            foreach (var folder in splitFolders)
            {
                candidates.Add(LayoutNames.Combine(LayoutNames.Combine(baseFolder, "images"), folder));
                candidates.Add(LayoutNames.Combine(baseFolder, folder));
            }
            candidates.Add(LayoutNames.Combine(baseFolder, "images"));
            candidates.Add(baseFolder);
        }
        candidates.Add(jsonFolder);
        return candidates.Select(folder => upload.Find(LayoutNames.Combine(folder, fileName))).FirstOrDefault(f => f is not null)
            ?? upload.FindUniqueByName(LayoutNames.FileName(fileName));
    }

    /// <summary>instances_train2017.json → train2017, plus the split's usual folder names.</summary>
    private IEnumerable<string> SplitFolders()
    {
        var stem = LayoutNames.Stem(json.Path);
        if (stem.LastIndexOf('_') is var i and >= 0 && i < stem.Length - 1) yield return stem[(i + 1)..];
        var names = split switch
        {
            DatasetSplit.Train => new[] { "train" },
            DatasetSplit.Validation => ["validation", "val", "valid"],
            DatasetSplit.Test => ["test"],
            _ => ["unsplit"],
        };
        foreach (var name in names) yield return name;
    }
}
