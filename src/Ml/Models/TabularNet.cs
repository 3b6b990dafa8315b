using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.Ml.Models;

/// <summary>MLP over standardized numeric features and embedded categorical columns (indexes packed as floats).</summary>
internal sealed class TabularNet : Module<Tensor, Tensor>
{
    private readonly int numeric;
    private readonly ModuleList<Embedding> embeddings = new();
    private readonly Sequential body;

    public TabularNet(int numeric, IReadOnlyList<int> cardinalities, int outputs, double width) : base(nameof(TabularNet))
    {
        this.numeric = numeric;
        var features = numeric;
        foreach (var cardinality in cardinalities)
        {
            var dim = Math.Min(16, (cardinality + 1) / 2 + 1);
            embeddings.Add(Embedding(cardinality, dim));
            features += dim;
        }

        var hidden = Math.Max(16, (int)(128 * width));
        body = Sequential(
            Linear(features, hidden), ReLU(), Dropout(0.1),
            Linear(hidden, hidden), ReLU(), Dropout(0.1),
            Linear(hidden, outputs));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var parts = new List<Tensor> { input.narrow(1, 0, numeric) };
        for (var i = 0; i < embeddings.Count; i++)
        {
            parts.Add(embeddings[i].forward(input.select(1, numeric + i).to(ScalarType.Int64)));
        }

        return body.forward(torch.cat(parts, 1));
    }
}

/// <summary>fastText-style classifier: mean of word and bigram embeddings, one hidden layer.</summary>
internal sealed class TextNet : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly Sequential head;

    public TextNet(int vocabulary, int classes, double width) : base(nameof(TextNet))
    {
        var dim = Math.Max(16, (int)(64 * width));
        embedding = Embedding(vocabulary, dim, padding_idx: 0);
        head = Sequential(Dropout(0.1), Linear(dim, dim), ReLU(), Linear(dim, classes));
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        var mask = tokens.ne(0).unsqueeze(2).to(ScalarType.Float32);
        var sum = (embedding.forward(tokens) * mask).sum(1);
        var mean = sum / mask.sum(1).clamp_min(1);
        return head.forward(mean);
    }
}
