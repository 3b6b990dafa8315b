using System.Globalization;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Checks a box against its image and says what is wrong in words a user can act on.</summary>
internal static class BoxCheck
{
    // Exporters round coordinates, so a box may overshoot an edge by a hair without being wrong.
    private const double PixelTolerance = 0.5;
    private const double NormalizedTolerance = 1e-3;

    /// <summary>Null when the box is fine. Width/height are the image's size, or null when unknown (then only the size is checked).</summary>
    public static string? Pixels(double x, double y, double w, double h, double? width, double? height) =>
        Check(x, y, w, h, width, height, PixelTolerance);

    /// <summary>Null when the box is fine; coordinates are fractions of the image size.</summary>
    public static string? Normalized(double x, double y, double w, double h) =>
        Check(x, y, w, h, 1, 1, NormalizedTolerance);

    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Check(double x, double y, double w, double h, double? width, double? height, double tolerance)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(w) || !double.IsFinite(h))
            return "box coordinates are not numbers";
        if (w <= 0 || h <= 0)
            return $"box with a non-positive size (width {Format(w)}, height {Format(h)})";
        if (x < -tolerance) return $"box outside the image (x {Format(x)} < 0)";
        if (y < -tolerance) return $"box outside the image (y {Format(y)} < 0)";
        if (width > 0 && x + w > width + tolerance)
            return $"box outside the image (x {Format(x)} + width {Format(w)} > {Format(width.Value)})";
        if (height > 0 && y + h > height + tolerance)
            return $"box outside the image (y {Format(y)} + height {Format(h)} > {Format(height.Value)})";
        return null;
    }
}
