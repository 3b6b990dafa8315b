using Platform.Contracts;
using Platform.Web.Pages.Datasets;

namespace Platform.Web.Pages.Annotation;

/// <summary>A label being edited: an existing one keeps its <see cref="Id"/> through renames and recolors.</summary>
public sealed class LabelDraft
{
    public int? Id { get; init; }
    public string Name { get; set; } = "";
    public string Color { get; set; } = LabelPalette.None.Background;
    /// <summary>A class of the dataset version: it always joins a new project, so it cannot be removed there.</summary>
    public bool Locked { get; init; }
    public string Key { get; } = Guid.NewGuid().ToString("N");

    public static LabelDraft From(AnnotationLabelDto label) => new() { Id = label.Id, Name = label.Name, Color = AnnotationText.ColorOf(label) };

    public static LabelDraft New(string name, bool locked = false) =>
        new() { Name = name, Color = LabelPalette.For(name).Background, Locked = locked };

    /// <summary>The schema to send: names trimmed, hotkeys "1"–"9" then "0" in the order shown.</summary>
    public static List<AnnotationLabelInput> ToInputs(IEnumerable<LabelDraft> drafts) =>
        [.. drafts.Select((d, i) => new AnnotationLabelInput(d.Name.Trim(), d.Color, AnnotationText.Hotkey(i), d.Id))];

    /// <summary>Empty or repeated names, as one message; null when the labels are fine.</summary>
    public static string? Problem(IReadOnlyList<LabelDraft> drafts, bool required)
    {
        if (required && drafts.Count == 0) return "Add at least one label.";
        if (drafts.Any(d => d.Name.Trim().Length == 0)) return "Every label needs a name.";
        var repeated = drafts.GroupBy(d => d.Name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) return $"“{repeated.Key}” is there twice; label names must differ.";
        return drafts.Any(d => d.Name.Trim().Length > MaxName) ? $"Use at most {MaxName} characters per label." : null;
    }

    public const int MaxName = 100;
}
