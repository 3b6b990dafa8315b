using System.Globalization;
using System.Xml.Linq;

namespace Platform.Datasets.Formats.Readers;

/// <summary>What one Pascal VOC annotation file says: the image's file name and size, and its boxes (or why a box is wrong).</summary>
internal sealed record VocAnnotation(string? FileName, int? Width, int? Height, List<ParsedBox> Boxes, List<string> Errors)
{
    public static VocAnnotation Parse(XDocument document)
    {
        var root = document.Root!;
        var size = root.Element("size");
        var width = PositiveInt(size?.Element("width"));
        var height = PositiveInt(size?.Element("height"));
        var boxes = new List<ParsedBox>();
        var errors = new List<string>();
        foreach (var obj in root.Elements("object"))
        {
            var name = obj.Element("name")?.Value.Trim();
            if (string.IsNullOrEmpty(name)) { errors.Add("an object has no name"); continue; }
            var box = obj.Element("bndbox");
            var corners = new[] { "xmin", "ymin", "xmax", "ymax" }.Select(c => Number(box?.Element(c))).ToList();
            if (box is null || corners.Any(c => c is null)) { errors.Add($"object '{name}' has no bndbox with numeric xmin, ymin, xmax and ymax"); continue; }
            var (xmin, ymin, xmax, ymax) = (corners[0]!.Value, corners[1]!.Value, corners[2]!.Value, corners[3]!.Value);
            if (xmax <= xmin || ymax <= ymin)
            {
                errors.Add(xmax <= xmin
                    ? $"box of '{name}' has xmax {BoxCheck.Format(xmax)} <= xmin {BoxCheck.Format(xmin)}"
                    : $"box of '{name}' has ymax {BoxCheck.Format(ymax)} <= ymin {BoxCheck.Format(ymin)}");
                continue;
            }
            if (BoxCheck.Pixels(xmin, ymin, xmax - xmin, ymax - ymin, width, height) is { } error) errors.Add(error);
            else boxes.Add(new ParsedBox(name, xmin, ymin, xmax - xmin, ymax - ymin));
        }
        var fileName = root.Element("filename")?.Value.Trim().Replace('\\', '/');
        return new VocAnnotation(string.IsNullOrEmpty(fileName) ? null : LayoutNames.FileName(fileName), width, height, boxes, errors);
    }

    private static double? Number(XElement? element) =>
        double.TryParse(element?.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static int? PositiveInt(XElement? element) =>
        Number(element) is { } value && value >= 1 && value < int.MaxValue ? (int)Math.Round(value) : null;
}
