using System.Text.RegularExpressions;

namespace Platform.Api.Annotation;

/// <summary>
/// Checks a label schema sent by a client and fills in what it left out: colors from a palette, hotkeys 1–9 and 0 in
/// order. Labels with an id keep it (a rename); labels without one are new.
/// </summary>
public static partial class AnnotationSchema
{
    private static readonly string[] Palette =
    [
        "#C62828", "#1565C0", "#2E7D32", "#FB8C00", "#6A1B9A", "#006064", "#BF360C", "#283593",
        "#C0CA33", "#AD1457", "#00695C", "#FDD835", "#4E342E", "#4527A0", "#4DB6AC", "#90CAF9",
    ];

    private static readonly string[] Hotkeys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    /// <summary>The schema to store, or null with the messages in <paramref name="validation"/>.</summary>
    public static List<AnnotationLabelDto>? Check(IReadOnlyList<AnnotationLabelInput> inputs, IReadOnlyList<AnnotationLabelDto> existing, Validation validation)
    {
        if (inputs.Count == 0) validation.Add("labels", "A project needs at least one label.");
        if (inputs.Count > AnnotationProject.MaxLabels) validation.Add("labels", $"A project has at most {AnnotationProject.MaxLabels} labels.");
        if (!validation.IsValid) return null;
        var known = existing.Select(l => l.Id).ToHashSet();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<int>();
        var hotkeys = new HashSet<string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"labels[{i}]";
            var name = input.Name?.Trim() ?? "";
            validation.Require(field + ".name", name, AnnotationProject.MaxLabelLength, "A label's name");
            if (name.Length > 0 && !names.Add(name)) validation.Add(field + ".name", $"The label '{name}' is listed twice.");
            if (input.Color is { } color && !ColorPattern().IsMatch(color)) validation.Add(field + ".color", "A color is written #RRGGBB, like #1565C0.");
            if (input.Hotkey is { } key && !Hotkeys.Contains(key)) validation.Add(field + ".hotkey", "A hotkey is one digit, 0 to 9.");
            else if (input.Hotkey is { } taken && !hotkeys.Add(taken)) validation.Add(field + ".hotkey", $"The hotkey {taken} is used by two labels.");
            if (input.Id is { } id && (!known.Contains(id) || !ids.Add(id))) validation.Add(field + ".id", $"The project has no label with id {id} (or it is listed twice).");
        }
        if (!validation.IsValid) return null;
        var free = new Queue<string>(Hotkeys.Where(k => !hotkeys.Contains(k)));
        return inputs.Select((input, i) => new AnnotationLabelDto(input.Id ?? 0, input.Name.Trim(), input.Color?.ToUpperInvariant() ?? Palette[i % Palette.Length],
            input.Hotkey ?? (free.Count > 0 && i < Hotkeys.Length ? free.Dequeue() : null))).ToList();
    }

    /// <summary>The project's kind for a version: what it holds, or boxes on images; null when the version cannot be annotated that way.</summary>
    public static string? KindProblem(DatasetKind version, AnnotationKind kind) => (version, kind) switch
    {
        (DatasetKind.Table, _) => "Tables cannot be annotated; annotation projects label images and texts.",
        (DatasetKind.ImageClassification, AnnotationKind.ImageClassification or AnnotationKind.ObjectDetection) => null,
        (DatasetKind.ObjectDetection, AnnotationKind.ObjectDetection) => null,
        (DatasetKind.TextClassification, AnnotationKind.TextClassification) => null,
        _ => $"A version that holds {Dataset.Describe(version)} cannot be annotated as {kind}.",
    };

    public static AnnotationKind DefaultKind(DatasetKind version) => version switch
    {
        DatasetKind.ObjectDetection => AnnotationKind.ObjectDetection,
        DatasetKind.TextClassification => AnnotationKind.TextClassification,
        _ => AnnotationKind.ImageClassification,
    };
}
