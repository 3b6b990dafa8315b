using Platform.Ml.Templates;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Engine;

/// <summary>Batched forward passes without gradients: class probabilities or regression values, on the CPU.</summary>
internal static class Inference
{
    public const int BatchSize = 512;

    /// <summary>Returns [N, K] probabilities for classification, or [N] values in target units for regression.</summary>
    public static Tensor Run(ITemplate template, ModelManifest manifest, nn.Module<Tensor, Tensor> model, Tensor raw, bool flip, Device device, CancellationToken ct = default)
    {
        model.eval();
        using var _ = torch.no_grad();
        var regression = manifest.Task == "tabular-regression";
        var outputs = new List<Tensor>();
        for (long start = 0; start < raw.shape[0]; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var batch = raw.narrow(0, start, Math.Min(BatchSize, raw.shape[0] - start));
            var input = template.ToModelInput(manifest, batch, training: false, device);
            var output = model.forward(input).to(ScalarType.Float32);
            Tensor result;
            if (regression)
            {
                result = (output.squeeze(1) * (manifest.Input.TargetStd ?? 1)) + (manifest.Input.TargetMean ?? 0);
            }
            else
            {
                result = output.softmax(1);
                if (flip)
                {
                    result = (result + model.forward(input.flip(3)).to(ScalarType.Float32).softmax(1)) / 2;
                }
            }

            outputs.Add(result.cpu().MoveToOuterDisposeScope());
        }

        var all = outputs.Count == 0
            ? (regression ? torch.zeros(0) : torch.zeros(0, manifest.ClassNames.Count))
            : torch.cat(outputs, 0);
        foreach (var o in outputs)
        {
            o.Dispose();
        }

        return all;
    }
}
