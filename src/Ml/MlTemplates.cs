using Platform.Ml.Templates;

namespace Platform.Ml;

/// <summary>The training templates by name.</summary>
public static class MlTemplates
{
    public const string ImageCnn = "image-cnn";
    public const string ImageResNet = "image-resnet";
    public const string TabularClassification = "tabular-classification";
    public const string TabularRegression = "tabular-regression";
    public const string TextClassification = "text-classification";

    /// <summary>The template used for images when none is named.</summary>
    public const string DefaultImage = ImageCnn;

    private static readonly Dictionary<string, ITemplate> All = new ITemplate[]
    {
        new ImageTemplate(ImageCnn, residual: false),
        new ImageTemplate(ImageResNet, residual: true),
        new TabularTemplate(TabularClassification, regression: false),
        new TabularTemplate(TabularRegression, regression: true),
        new TextTemplate(),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => All.Keys;

    internal static ITemplate Get(string? name, string field = "template") =>
        name is not null && All.TryGetValue(name, out var template)
            ? template
            : throw new MlValidationException(field, $"Unknown template '{name}'. Known templates: {string.Join(", ", All.Keys)}.");
}
