using System.Globalization;
using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>How agreement figures and shares read: numbers, percents, and the Landis &amp; Koch words for a kappa.</summary>
public static class AgreementText
{
    /// <summary>Shown where a figure is undefined.</summary>
    public const string None = "–";

    /// <summary>A share (0–1) as "87 %", rounded; "–" when there is none.</summary>
    public static string Percent(double? share) => share is { } s
        ? ((int)Math.Round(100 * Math.Clamp(s, 0, 1), MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + " %"
        : None;

    /// <summary>A kappa or F1 as people read it, "0.72" (kappa may be negative); "–" when undefined.</summary>
    public static string Figure(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : None;

    /// <summary>The raw figure for data attributes: invariant, 3 decimals, empty when undefined.</summary>
    public static string Raw(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";

    /// <summary>Whether <paramref name="agreement"/> is a kappa (classes), which the Landis &amp; Koch scale reads, rather than an F1 (boxes).</summary>
    public static bool IsKappa(AnnotationAgreementDto agreement) => agreement.Measure.Contains("kappa", StringComparison.OrdinalIgnoreCase);

    /// <summary>Landis &amp; Koch (1977): below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate, 0.80 substantial, then almost perfect.</summary>
    public static string Scale(double kappa) => kappa switch
    {
        < 0 => "Poor",
        <= 0.20 => "Slight",
        <= 0.40 => "Fair",
        <= 0.60 => "Moderate",
        <= 0.80 => "Substantial",
        _ => "Almost perfect",
    };

    public static Color ScaleColor(double kappa) => kappa switch
    {
        <= 0.20 => Color.Error,
        <= 0.40 => Color.Warning,
        <= 0.60 => Color.Info,
        _ => Color.Success,
    };
}
