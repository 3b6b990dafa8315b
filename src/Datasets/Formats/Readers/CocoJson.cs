using System.Globalization;
using System.Text.Json;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Lenient access to COCO fields: ids may be numbers or strings, numbers may be written as strings.</summary>
internal static class CocoJson
{
    public static bool IsCoco(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array
        && root.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Array
        && root.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Array;

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
