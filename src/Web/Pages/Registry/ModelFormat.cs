using System.Globalization;
using Platform.Contracts;

namespace Platform.Web.Pages.Registry;

/// <summary>How registry values read on the pages.</summary>
public static class ModelFormat
{
    /// <summary>Accuracy as a percentage, R² as a number (regression templates), "–" when the run had no test score.</summary>
    public static string Score(ModelVersionDto? version) => version?.Score is not { } score ? "–"
        : version.Template == TrainingTemplates.TabularRegression ? $"R² {score.ToString("0.000", CultureInfo.InvariantCulture)}"
        : score.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>production stands out in green; other aliases in the primary color.</summary>
    public static MudBlazor.Color AliasColor(string alias) => alias == "production" ? MudBlazor.Color.Success : MudBlazor.Color.Primary;

    public static string ShortSha(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
