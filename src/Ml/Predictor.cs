using Platform.Ml.Data;
using Platform.Ml.Engine;
using Platform.Ml.Templates;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml;

/// <summary>One prediction: the class with per-class probabilities, or a value for regression.</summary>
public sealed record Prediction(string? Label, double? Confidence, IReadOnlyDictionary<string, double>? Probabilities, double? Value);

/// <summary>
/// A model loaded from a package. Safe to call from many threads: calls are serialized, and each call runs one
/// batched forward pass that already uses all cores.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly ITemplate template;
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly Device device;
    private readonly Lock gate = new();

    private Predictor(ModelPackage package)
    {
        TorchSetup.EnsureInitialized();
        Manifest = package.Manifest;
        template = MlTemplates.Get(Manifest.Template, "package");
        if (template.Version != Manifest.TemplateVersion)
        {
            throw new MlValidationException("package", $"The package was made by '{Manifest.Template}' version {Manifest.TemplateVersion}; this build has version {template.Version}.");
        }

        device = torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        model = template.CreateModel(Manifest, device);
        using var weights = new MemoryStream(package.Weights.ToArray());
        model.load(weights);
        model.eval();
    }

    public ModelManifest Manifest { get; }

    public static Predictor Load(ModelPackage package) => new(package);

    public static Predictor Load(Stream packageStream) => new(ModelPackage.ReadFrom(packageStream));

    /// <summary>Encoded images (PNG, JPEG, ...), any size: they are resized like the training images.</summary>
    public IReadOnlyList<Prediction> PredictImages(IReadOnlyList<byte[]> images)
    {
        Expect("image");
        using var raw = ImageCache.Decode(images, Manifest.Input.ImageSize!.Value, Manifest.Input.Channels!.Value);
        return Run(raw);
    }

    public IReadOnlyList<Prediction> PredictTexts(IReadOnlyList<string> texts)
    {
        Expect("text");
        using var raw = TextEncoder.Encode([.. texts.Select(TextEncoder.Tokens)], Manifest.Input.Vocabulary!, Manifest.Input.MaxTokens!.Value);
        return Run(raw);
    }

    /// <summary>Rows as column name → cell text; missing columns or empty cells count as missing values.</summary>
    public IReadOnlyList<Prediction> PredictRows(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        Expect("table");
        var specs = Manifest.Input.Columns!;
        var columns = specs.Select(s => (Func<int, string?>)(r => rows[r].GetValueOrDefault(s.Name))).ToList();
        using var raw = TableEncoder.Encode(specs, columns, rows.Count);
        return Run(raw);
    }

    private IReadOnlyList<Prediction> Run(Tensor raw)
    {
        lock (gate)
        {
            using var output = Inference.Run(template, Manifest, model, raw, Manifest.Input.TestTimeFlip, device);
            if (Manifest.Task == "tabular-regression")
            {
                return [.. output.data<float>().ToArray().Select(v => new Prediction(null, null, null, v))];
            }

            var k = Manifest.ClassNames.Count;
            var probabilities = output.data<float>().ToArray();
            var predictions = new List<Prediction>(probabilities.Length / Math.Max(1, k));
            for (var i = 0; i < probabilities.Length / k; i++)
            {
                var row = probabilities.AsSpan(i * k, k);
                var best = 0;
                var byClass = new Dictionary<string, double>(k);
                for (var j = 0; j < k; j++)
                {
                    byClass[Manifest.ClassNames[j]] = row[j];
                    best = row[j] > row[best] ? j : best;
                }

                predictions.Add(new Prediction(Manifest.ClassNames[best], row[best], byClass, null));
            }

            return predictions;
        }
    }

    private void Expect(string kind)
    {
        if (Manifest.Input.Kind != kind)
        {
            throw new InvalidOperationException($"This model takes {Manifest.Input.Kind} inputs, not {kind}.");
        }
    }

    public void Dispose() => model.Dispose();
}
