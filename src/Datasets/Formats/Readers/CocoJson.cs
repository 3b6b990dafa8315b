using System.Globalization;
using System.Text.Json;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Lenient access to COCO fields: ids may be numbers or strings, numbers may be written as strings.</summary>
internal static class CocoJson
{
    /// <summary>Whether the file means to be a COCO annotation file (an object with images or annotations), whatever their types.</summary>
    public static bool ClaimsCoco(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("images", out _) || root.TryGetProperty("annotations", out _));

    /// <summary>What keeps a file that claims to be COCO from being read (a missing list, a list of the wrong type), or null.</summary>
    public static string? ShapeError(JsonElement root)
    {
        foreach (var name in (string[])["images", "annotations", "categories"])
        {
            if (!root.TryGetProperty(name, out var value)) return $"it has no \"{name}\" list";
            if (value.ValueKind != JsonValueKind.Array) return $"\"{name}\" should be a list, not {Describe(value)}";
        }
        return null;
    }

    /// <summary>"a string (\"x\")", "a number (3)", "an object", for messages about a value of the wrong type.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"a string ({Shorten(value.GetRawText())})",
        JsonValueKind.Number => $"a number ({Shorten(value.GetRawText())})",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    public static IEnumerable<JsonElement> Objects(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object);

    /// <summary>An id as text, so that 3 and "3" name the same thing; null when absent.</summary>
    public static string? Id(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        } : null;

    public static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) => s,
        _ => null,
    };

    public static int? PositiveInt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && Number(value) is { } d && d >= 1 && d < int.MaxValue ? (int)Math.Round(d) : null;

    /// <summary>The four numbers of a bbox, or null when it is not an array of four numbers.</summary>
    public static double[]? Box(JsonElement annotation)
    {
        if (!annotation.TryGetProperty("bbox", out var bbox) || bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4)
            return null;
        var numbers = bbox.EnumerateArray().Select(Number).ToList();
        return numbers.All(n => n is not null) ? numbers.Select(n => n!.Value).ToArray() : null;
    }

    /// <summary>Sorts category ids numerically when they are numbers, else as text.</summary>
    public static IComparer<string> IdOrder { get; } = Comparer<string>.Create((a, b) =>
        double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b));
}
