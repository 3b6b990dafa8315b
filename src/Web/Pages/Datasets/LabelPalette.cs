using System.Globalization;

namespace Platform.Web.Pages.Datasets;

/// <summary>A chip's colors: its background and the text on it.</summary>
public sealed record ChipColors(string Background, string Text);

/// <summary>
/// Stable colors per class label. Chips keep their colors in both themes, so each background gets the text color
/// (white or near-black) with the higher WCAG contrast; every pair here reaches AA (4.5:1) for chip-sized text.
/// </summary>
public static class LabelPalette
{
    public const string Light = "#FFFFFF";
    public const string Dark = "#111827";

    public static readonly IReadOnlyList<string> Backgrounds =
    [
        "#C62828", "#1565C0", "#2E7D32", "#FB8C00", "#6A1B9A", "#006064", "#BF360C", "#283593",
        "#C0CA33", "#AD1457", "#00695C", "#FDD835", "#4E342E", "#4527A0", "#4DB6AC", "#90CAF9",
    ];

    public static readonly ChipColors None = Pair("#616161");

    private static readonly ChipColors[] Colors = [.. Backgrounds.Select(Pair)];

    public static ChipColors For(string? label)
    {
        if (string.IsNullOrEmpty(label)) return None;
        var hash = 17;
        foreach (var c in label) hash = unchecked(hash * 31 + c);
        return Colors[(hash & int.MaxValue) % Colors.Length];
    }

    /// <summary>WCAG 2 contrast ratio of two #RRGGBB colors, from 1 to 21.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static ChipColors Pair(string background) =>
        new(background, Contrast(background, Light) >= Contrast(background, Dark) ? Light : Dark);

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }
}
