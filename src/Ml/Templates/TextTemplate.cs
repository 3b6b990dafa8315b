using Platform.Ml.Data;
using Platform.Ml.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Templates;

/// <summary>Text classification: word and bigram vocabulary from the data, averaged embeddings, small MLP head.</summary>
internal sealed class TextTemplate : ITemplate
{
    public string Name => MlTemplates.TextClassification;

    public int Version => 1;

    public string InputKind => "text";

    public PreparedTask Prepare(TrainingRequest request, Action<string> log, CancellationToken ct)
    {
        var items = request.Items!;
        var plan = SplitPlan.Assign(items.Count, i => items[i].Id, i => items[i].Label, i => items[i].Split);
        var classes = LabelCheck.Classes(items.Select(i => (string?)i.Label).ToList(), plan.Train, "items");
        var lengths = new int[plan.Train.Length];
        var vocabulary = TextEncoder.Vocabulary(TextEncoder.Count(items, plan.Train, lengths, ct), plan.Train.Length);
        if (vocabulary.Length == 0)
        {
            throw new MlValidationException("items", "The training texts contain no words.");
        }

        Array.Sort(lengths);
        var maxTokens = Math.Clamp(lengths[(int)(lengths.Length * 0.95)], 8, 400);
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i, StringComparer.Ordinal);

        DataSplit Split(int[] indexes) => new(
            TextEncoder.Encode(items, indexes, vocabulary, maxTokens, ct),
            torch.tensor(indexes.Select(i => classIndex[items[i].Label]).ToArray()),
            [.. indexes.Select(i => items[i].Id)]);

        var train = Split(plan.Train);
        var validation = plan.Validation.SequenceEqual(plan.Train) ? train : Split(plan.Validation);
        log($"Text: vocabulary of {vocabulary.Length} words and bigrams, up to {maxTokens} tokens per item.");
        return new PreparedTask
        {
            Manifest = new ModelManifest
            {
                Task = "text-classification",
                Template = Name,
                TemplateVersion = Version,
                ClassNames = classes,
                Input = new InputSpec { Kind = InputKind, Vocabulary = vocabulary, MaxTokens = maxTokens },
                Architecture = new Dictionary<string, double> { ["width"] = request.Settings.ModelSize ?? 1.0 },
            },
            Train = train,
            Validation = validation,
            Test = plan.Test.Length > 0 ? Split(plan.Test) : null,
            Hyperparameters = new Hyperparameters(request.Settings.BatchSize ?? 64, request.Settings.LearningRate ?? 5e-3, 1e-5, Sgd: false, 0.05, 0.05),
        };
    }

    public nn.Module<Tensor, Tensor> CreateModel(ModelManifest manifest, Device device)
    {
        var model = new TextNet((manifest.Input.Vocabulary?.Count ?? 0) + 1, manifest.ClassNames.Count, manifest.Architecture.GetValueOrDefault("width", 1.0));
        model.to(device);
        return model;
    }

    public Tensor ToModelInput(ModelManifest manifest, Tensor raw, bool training, Device device) => raw.to(device);
}
