using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>The advanced settings as the form edits them; empty fields leave the choice to the template.</summary>
public sealed class TrainSettingsModel
{
    public static readonly string[] Fields = ["epochs", "batchSize", "learningRate", "modelSize", "imageSize", "seed", "horizontalFlip"];

    public int? Epochs { get; set; }
    public int? BatchSize { get; set; }
    public double? LearningRate { get; set; }
    public double? ModelSize { get; set; }
    public int? ImageSize { get; set; }
    public int? Seed { get; set; }
    /// <summary>null: the template's default (on for images).</summary>
    public bool? HorizontalFlip { get; set; }

    public TrainingSettingsDto ToDto() => new(Epochs, BatchSize, LearningRate, ModelSize, ImageSize, HorizontalFlip, Seed);

    /// <summary>The same rules and messages the server and the training core apply.</summary>
    public void Check(FieldErrors errors) =>
        TrainingSettingsRules.Validate(ToDto(), (field, message) => errors.Set(field[(field.IndexOf('.') + 1)..], message));
}
