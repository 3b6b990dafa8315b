using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Templates;

/// <summary>Batch-level augmentation on uint8 tensors [B, C, H, W], driven by torch's seeded generator.</summary>
internal static class Augment
{
    /// <summary>Random crop with zero padding: every image gets its own shift of up to ±pad pixels.</summary>
    public static Tensor RandomCrop(Tensor x, int pad)
    {
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var padded = nn.functional.pad(x, [pad, pad, pad, pad]);
        long ph = h + (2 * pad), pw = w + (2 * pad);
        var dy = torch.randint(0, (2 * pad) + 1, [b, 1, 1], ScalarType.Int64);
        var dx = torch.randint(0, (2 * pad) + 1, [b, 1, 1], ScalarType.Int64);
        var rows = torch.arange(h, ScalarType.Int64).view(1, h, 1) + dy;
        var cols = torch.arange(w, ScalarType.Int64).view(1, 1, w) + dx;
        var index = ((rows * pw) + cols).view(b, 1, h * w).expand(b, c, h * w);
        return padded.view(b, c, ph * pw).gather(2, index).view(b, c, h, w);
    }

    public static Tensor RandomFlip(Tensor x)
    {
        var mask = torch.rand(x.shape[0]).lt(0.5).view(-1, 1, 1, 1);
        return torch.where(mask, x.flip(3), x);
    }
}
