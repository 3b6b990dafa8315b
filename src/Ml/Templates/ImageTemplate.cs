using Platform.Ml.Data;
using Platform.Ml.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Templates;

/// <summary>Image classification: "image-cnn" (fast VGG-style CNN, the default) or "image-resnet".</summary>
internal sealed class ImageTemplate(string name, bool residual) : ITemplate
{
    public string Name => name;

    public int Version => 1;

    public string InputKind => "image";

    public PreparedTask Prepare(TrainingRequest request, Action<string> log, CancellationToken ct)
    {
        var items = request.Items ?? throw new MlValidationException("items", "The image template needs items.");
        var settings = request.Settings;
        var plan = SplitPlan.Assign(items.Count, i => items[i].Id, i => items[i].Label, i => items[i].Split);
        var classes = LabelCheck.Classes(items.Select(i => (string?)i.Label).ToList(), plan.Train, "items");
        var (size, channels) = ProbeShape(items, plan.Train, settings.ImageSize);
        log($"Decoding {items.Count} images to {channels}×{size}×{size}.");
        var started = DateTime.UtcNow;
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i, StringComparer.Ordinal);

        // One decoding pass over every split, so that all unreadable items are reported together.
        var sameValidation = plan.Validation.SequenceEqual(plan.Train);
        int[] all = [.. plan.Train, .. sameValidation ? [] : plan.Validation, .. plan.Test];
        using var cache = ImageCache.Build([.. all.Select(i => items[i])], size, channels, ct);
        var offset = 0L;

        DataSplit Split(int[] indexes)
        {
            var x = cache.narrow(0, offset, indexes.Length);
            offset += indexes.Length;
            var y = torch.tensor(indexes.Select(i => classIndex[items[i].Label]).ToArray(), ScalarType.Int64);
            return new DataSplit(x, y, [.. indexes.Select(i => items[i].Id)]);
        }

        var train = Split(plan.Train);
        var validation = sameValidation ? train : Split(plan.Validation);
        var test = plan.Test.Length > 0 ? Split(plan.Test) : null;
        log($"Decoded in {(DateTime.UtcNow - started).TotalSeconds:0.0} s ({train.Count} train, {validation.Count} validation, {test?.Count ?? 0} test).");
        var (mean, std) = Statistics(train.X, channels);
        var flip = settings.HorizontalFlip ?? true;
        var manifest = new ModelManifest
        {
            Task = "image-classification",
            Template = Name,
            TemplateVersion = Version,
            ClassNames = classes,
            Input = new InputSpec { Kind = InputKind, ImageSize = size, Channels = channels, Mean = mean, Std = std },
            Architecture = new Dictionary<string, double>
            {
                ["width"] = settings.ModelSize ?? 1.0,
                ["flip"] = flip ? 1 : 0,
            },
        };
        var batch = settings.BatchSize ?? 128;
        return new PreparedTask
        {
            Manifest = manifest,
            Train = train,
            Validation = validation,
            Test = test,
            CanFlip = flip,
            Hyperparameters = new Hyperparameters(batch, settings.LearningRate ?? 0.1 * Math.Sqrt(batch / 128.0), 5e-4, Sgd: true, 0.1, 0.03),
        };
    }

    public nn.Module<Tensor, Tensor> CreateModel(ModelManifest manifest, Device device)
    {
        var channels = manifest.Input.Channels ?? 1;
        var width = manifest.Architecture.GetValueOrDefault("width", 1.0);
        var compute = Precision.ConvolutionType(device);
        nn.Module<Tensor, Tensor> model = residual
            ? new SmallResNet(channels, manifest.ClassNames.Count, width, compute)
            : new FastCnn(channels, manifest.ClassNames.Count, width, compute);
        model.to(device);
        return model;
    }

    public Tensor ToModelInput(ModelManifest manifest, Tensor raw, bool training, Device device)
    {
        var x = raw;
        if (training)
        {
            x = Augment.RandomCrop(x, Math.Max(1, (int)(raw.shape[2] / 12)));
            if (manifest.Architecture.GetValueOrDefault("flip", 1) > 0)
            {
                x = Augment.RandomFlip(x);
            }
        }

        var (mean, scale) = Normalization(manifest, device);
        var normalized = (x.to(device).to(ScalarType.Float32) - mean) * scale;
        return Precision.ToChannelsLast(normalized);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ModelManifest, Tuple<Tensor, Tensor>> NormalizationCache = [];

    /// <summary>Mean and 1/std in 0..255 pixel units, made once per manifest instead of once per batch.</summary>
    private static (Tensor Mean, Tensor Scale) Normalization(ModelManifest manifest, Device device)
    {
        var cached = NormalizationCache.GetValue(manifest, m =>
        {
            var channels = m.Input.Channels ?? 1;
            var mean = torch.tensor(m.Input.Mean!.Select(v => (float)(v * 255)).ToArray(), [1, channels, 1, 1], device: device);
            var scale = torch.tensor(m.Input.Std!.Select(v => (float)(1 / (v * 255))).ToArray(), [1, channels, 1, 1], device: device);
            return Tuple.Create(mean.DetachFromDisposeScope(), scale.DetachFromDisposeScope());
        });
        return (cached.Item1, cached.Item2);
    }

    private static (int Size, int Channels) ProbeShape(IReadOnlyList<MlItem> items, int[] train, int? requestedSize)
    {
        var sides = new List<int>();
        var gray = true;
        foreach (var index in train.Take(64))
        {
            byte[] bytes;
            using (var stream = items[index].Open())
            {
                bytes = ImageDecoder.ReadAll(stream);
            }

            if (ImageDecoder.Probe(bytes) is { } probe)
            {
                sides.Add(Math.Max(probe.Width, probe.Height));
                gray &= probe.Gray;
            }
        }

        if (sides.Count == 0)
        {
            throw new MlValidationException("items", "None of the first training items is a readable image.");
        }

        sides.Sort();
        var size = requestedSize ?? Math.Clamp(sides[sides.Count / 2], 16, 64);
        return (size, gray ? 1 : 3);
    }

    private static (double[] Mean, double[] Std) Statistics(Tensor x, int channels)
    {
        using var scope = torch.NewDisposeScope();
        var sample = x.narrow(0, 0, Math.Min(x.shape[0], 10_000)).to(ScalarType.Float32) / 255;
        var perChannel = sample.transpose(0, 1).reshape(channels, -1);
        var mean = perChannel.mean([1]).data<float>().Select(v => (double)v).ToArray();
        var std = perChannel.std(1).data<float>().Select(v => Math.Max(1e-3, v)).ToArray();
        return (mean, std);
    }
}
