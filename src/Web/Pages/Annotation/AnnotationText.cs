using System.Globalization;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Pages.Datasets;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>Names a person reads for the annotation enums, hotkeys by position, and label colors.</summary>
public static class AnnotationText
{
    public static string Kind(AnnotationKind kind) => kind switch
    {
        AnnotationKind.ImageClassification => "Image classification",
        AnnotationKind.ObjectDetection => "Object detection",
        AnnotationKind.TextClassification => "Text classification",
        _ => kind.ToString(),
    };

    public static string State(AnnotationTaskState state) => state switch
    {
        AnnotationTaskState.Open => "Open",
        AnnotationTaskState.Annotated => "Not yet reviewed",
        AnnotationTaskState.Accepted => "Accepted",
        AnnotationTaskState.Rejected => "Rejected",
        _ => state.ToString(),
    };

    public static Color StateColor(AnnotationTaskState state) => state switch
    {
        AnnotationTaskState.Annotated => Color.Info,
        AnnotationTaskState.Accepted => Color.Success,
        AnnotationTaskState.Rejected => Color.Error,
        _ => Color.Default,
    };

    /// <summary>What a version of <paramref name="kind"/> can be annotated as (an image classification version may get boxes); tables none.</summary>
    public static IReadOnlyList<AnnotationKind> KindsFor(DatasetKind kind) => kind switch
    {
        DatasetKind.ImageClassification => [AnnotationKind.ImageClassification, AnnotationKind.ObjectDetection],
        DatasetKind.ObjectDetection => [AnnotationKind.ObjectDetection],
        DatasetKind.TextClassification => [AnnotationKind.TextClassification],
        _ => [],
    };

    /// <summary>The hotkey of the label at <paramref name="index"/>: "1"–"9", then "0", then none.</summary>
    public static string? Hotkey(int index) => index switch
    {
        < 9 and >= 0 => (index + 1).ToString(CultureInfo.InvariantCulture),
        9 => "0",
        _ => null,
    };

    public static bool IsImages(AnnotationKind kind) => kind != AnnotationKind.TextClassification;

    /// <summary>"42 %" of done over total (0 % of nothing).</summary>
    public static string Percent(int part, int total) =>
        (total == 0 ? 0 : (int)Math.Floor(100.0 * part / total)).ToString(CultureInfo.InvariantCulture) + " %";

    /// <summary>A model's confidence (0–1) as "87 %", rounded.</summary>
    public static string Confidence(double confidence) =>
        ((int)Math.Round(100 * Math.Clamp(confidence, 0, 1), MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + " %";

    /// <summary>"Suggestions from shapes v1: 120 items; 40 decided, 35 taken unchanged (88 %)".</summary>
    public static string Suggestions(AnnotationSuggestionsDto s)
    {
        var text = $"Suggestions from {s.Source}: {Format.Count(s.Suggested)} {(s.Suggested == 1 ? "item" : "items")}; "
            + $"{Format.Count(s.Decided)} decided, {Format.Count(s.Taken)} taken unchanged";
        return s.Decided == 0 ? text : $"{text} ({Confidence((double)s.Taken / s.Decided)})";
    }

    /// <summary>What a model must take to pre-label a project of <paramref name="kind"/>: images or texts to classify; boxes none yet.</summary>
    public static DatasetKind? PrelabelInput(AnnotationKind kind) => kind switch
    {
        AnnotationKind.ImageClassification => DatasetKind.ImageClassification,
        AnnotationKind.TextClassification => DatasetKind.TextClassification,
        _ => null,
    };

    /// <summary>The text color (white or near-black) that reads best on a label's <paramref name="color"/>.</summary>
    public static string TextOn(string color) => IsHexColor(color) && LabelPalette.Contrast(color, LabelPalette.Dark) > LabelPalette.Contrast(color, LabelPalette.Light)
        ? LabelPalette.Dark
        : LabelPalette.Light;

    /// <summary>A label's color as #RRGGBB, or the palette's color for its name when the server sent none or another format.</summary>
    public static string ColorOf(AnnotationLabelDto label) => IsHexColor(label.Color) ? label.Color : LabelPalette.For(label.Name).Background;

    public static bool IsHexColor(string? color) =>
        color is { Length: 7 } && color[0] == '#' && color.Skip(1).All(char.IsAsciiHexDigit);

    /// <summary>"cat" · "3 boxes" · "no objects": what a task's annotation holds, in a few words.</summary>
    public static string Summary(AnnotationTaskDto task, IReadOnlyList<AnnotationLabelDto> labels, AnnotationKind kind)
    {
        if (kind == AnnotationKind.ObjectDetection)
            return task.State == AnnotationTaskState.Open ? "not annotated" : task.Boxes.Count switch
            {
                0 => "no objects",
                1 => "1 box",
                var n => $"{n} boxes",
            };
        return labels.FirstOrDefault(l => l.Id == task.LabelId)?.Name ?? "no label";
    }
}
