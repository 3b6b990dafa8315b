namespace Platform.Contracts;

/// <summary>The training templates of the core (src/Ml), by the content they train on.</summary>
public static class TrainingTemplates
{
    public const string ImageCnn = "image-cnn";
    public const string ImageResNet = "image-resnet";
    public const string TabularClassification = "tabular-classification";
    public const string TabularRegression = "tabular-regression";
    public const string TextClassification = "text-classification";

    public static readonly IReadOnlyList<TrainingTemplateInfo> All =
    [
        new(ImageCnn, DatasetKind.ImageClassification, "Image classification: a fast VGG-style CNN (the default for images)"),
        new(ImageResNet, DatasetKind.ImageClassification, "Image classification: a small ResNet"),
        new(TextClassification, DatasetKind.TextClassification, "Text classification: word and bigram embeddings"),
        new(TabularClassification, DatasetKind.Table, "Table, predict a category: an MLP over standardized and embedded columns"),
        new(TabularRegression, DatasetKind.Table, "Table, predict a number: an MLP, MSE on the standardized target"),
    ];

    public static TrainingTemplateInfo? Find(string? name) => All.FirstOrDefault(t => t.Name == name);

    public static IReadOnlyList<string> For(DatasetKind kind) => All.Where(t => t.Kind == kind).Select(t => t.Name).ToList();
}

public sealed record TrainingTemplateInfo(string Name, DatasetKind Kind, string Description);
