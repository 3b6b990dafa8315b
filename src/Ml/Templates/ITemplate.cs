using static TorchSharp.torch;

namespace Platform.Ml.Templates;

/// <summary>A template turns a request into tensors and a network, and rebuilds both from a manifest.</summary>
internal interface ITemplate
{
    string Name { get; }

    int Version { get; }

    /// <summary>image, text or table.</summary>
    string InputKind { get; }

    PreparedTask Prepare(TrainingRequest request, Action<string> log, CancellationToken ct);

    nn.Module<Tensor, Tensor> CreateModel(ModelManifest manifest, Device device);

    /// <summary>Turns a batch of cached raw rows into the model's input on the device (augmenting when training).</summary>
    Tensor ToModelInput(ModelManifest manifest, Tensor raw, bool training, Device device);
}

/// <summary>Cached inputs and targets of one split. Targets: class indexes, or standardized values for regression.</summary>
internal sealed record DataSplit(Tensor X, Tensor Y, string[] Ids) : IDisposable
{
    public int Count => Ids.Length;

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
    }
}

internal sealed record Hyperparameters(
    int BatchSize,
    double PeakLearningRate,
    double WeightDecay,
    bool Sgd,
    double LabelSmoothing,
    double WarmupFraction);

internal sealed class PreparedTask : IDisposable
{
    public required ModelManifest Manifest { get; init; }

    public required DataSplit Train { get; init; }

    public required DataSplit Validation { get; init; }

    public DataSplit? Test { get; init; }

    public required Hyperparameters Hyperparameters { get; init; }

    public bool Regression => Manifest.Task == "tabular-regression";

    /// <summary>Whether test-time flip is worth trying on the validation split.</summary>
    public bool CanFlip { get; init; }

    public void Dispose()
    {
        Train.Dispose();
        if (!ReferenceEquals(Validation, Train))
        {
            Validation.Dispose();
        }

        Test?.Dispose();
    }
}
