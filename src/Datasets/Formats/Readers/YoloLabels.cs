using System.Globalization;

namespace Platform.Datasets.Formats.Readers;

/// <summary>One YOLO label file: "class cx cy w h" a line, normalized to 0..1; polygon lines (class x1 y1 x2 y2 ...) become their bounding box.</summary>
internal static class YoloLabels
{
    public static List<ParsedBox> Parse(string path, string text, IReadOnlyList<string> names, List<ImportProblem> problems)
    {
        var boxes = new List<ParsedBox>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            var error = ParseLine(fields, names, out var box);
            if (error is null) boxes.Add(box!);
            else problems.Add(new(path, $"line {i + 1}: {error}"));
        }
        return boxes;
    }

    private static string? ParseLine(string[] fields, IReadOnlyList<string> names, out ParsedBox? box)
    {
        box = null;
        var polygon = fields.Length >= 7 && fields.Length % 2 == 1;
        if (fields.Length != 5 && !polygon)
            return $"{fields.Length} values, expected 5 (class x-center y-center width height)";
        if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var classNumber)
            || classNumber != Math.Floor(classNumber))
            return $"the class '{fields[0]}' is not a whole number";
        if (classNumber < 0 || classNumber >= names.Count) return $"unknown class {fields[0]}";
        var numbers = new double[fields.Length - 1];
        for (var i = 1; i < fields.Length; i++)
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i - 1]) || !double.IsFinite(numbers[i - 1]))
                return $"'{fields[i]}' is not a number";

        double x, y, w, h;
        if (polygon)
        {
            var xs = numbers.Where((_, i) => i % 2 == 0).ToList();
            var ys = numbers.Where((_, i) => i % 2 == 1).ToList();
            (x, y, w, h) = (xs.Min(), ys.Min(), xs.Max() - xs.Min(), ys.Max() - ys.Min());
        }
        else (x, y, w, h) = (numbers[0] - numbers[2] / 2, numbers[1] - numbers[3] / 2, numbers[2], numbers[3]);
        if (BoxCheck.Normalized(x, y, w, h) is { } error) return error;
        box = new ParsedBox(names[(int)classNumber], x, y, w, h, Normalized: true);
        return null;
    }
}
