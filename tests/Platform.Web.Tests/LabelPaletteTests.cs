using System.Globalization;
using MudBlazor;
using MudBlazor.Utilities;
using Platform.Web.Components.Layout;
using Platform.Web.Pages.Datasets;

namespace Platform.Web.Tests;

public class LabelPaletteTests : BunitContext
{
    [Fact]
    public void EveryChipColorHasTextWithAaContrast()
    {
        foreach (var background in LabelPalette.Backgrounds.Append(LabelPalette.None.Background))
        {
            var text = LabelPalette.For(Label(background)).Text;
            Contrast(background, text).ShouldBeGreaterThanOrEqualTo(4.5, $"{text} on {background}");
        }
    }

    [Fact]
    public void EveryLabelGetsAPaletteColorAndItsText()
    {
        var colors = Enumerable.Range(0, 200).Select(i => LabelPalette.For($"class-{i}")).ToList();
        colors.Select(c => c.Background).Distinct().Count().ShouldBe(LabelPalette.Backgrounds.Count);
        colors.ShouldAllBe(c => Contrast(c.Background, c.Text) >= 4.5);
        LabelPalette.For("cat").ShouldBe(LabelPalette.For("cat"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheNoLabelChipIsReadableInBothThemes(bool dark)
    {
        Palette palette = dark ? PortalTheme.Theme.PaletteDark : PortalTheme.Theme.PaletteLight;
        var text = Hex(palette.TextSecondary);
        Contrast(text, Hex(palette.Surface)).ShouldBeGreaterThanOrEqualTo(4.5);
        Contrast(text, Hex(palette.Background)).ShouldBeGreaterThanOrEqualTo(4.5);
    }

    [Fact]
    public void AChipCarriesItsBackgroundAndTextColors()
    {
        var chip = Render<LabelChip>(p => p.Add(c => c.Label, "triangle"));
        var colors = LabelPalette.For("triangle");
        chip.Find("span").GetAttribute("style").ShouldBe($"--label-color:{colors.Background};--label-text:{colors.Text}");
    }

    /// <summary>A label whose color is this background (the palette is reached through labels only).</summary>
    private static string? Label(string background) => background == LabelPalette.None.Background ? null
        : Enumerable.Range(0, 10_000).Select(i => $"l{i}").First(l => LabelPalette.For(l).Background == background);

    private static string Hex(MudColor color) => $"#{color.R:X2}{color.G:X2}{color.B:X2}";

    // WCAG 2.2, "contrast ratio" and "relative luminance", written out here apart from the portal's own copy.
    private static double Contrast(string a, string b)
    {
        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }

    private static double Luminance(string hex)
    {
        var rgb = Enumerable.Range(0, 3)
            .Select(i => int.Parse(hex.Substring(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0)
            .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
