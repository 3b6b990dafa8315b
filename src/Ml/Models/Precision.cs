using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Models;

/// <summary>
/// TorchSharp 0.107 has no autocast and no memory_format arguments, so mixed precision and channels-last are done
/// by hand: fp32 master weights (kept in NCHW so that they save and load plainly) cast to bf16 and NHWC inside convolutions.
/// </summary>
internal static class Precision
{
    /// <summary>
    /// bf16 convolutions on CUDA. On this machine's CPU (avx512_bf16, no AMX) oneDNN's bf16 convolution kernels are
    /// slower than its fp32 ones for our CNN, whatever the layout (see docs/ml.md), so the CPU uses fp32 unless
    /// PLATFORM_ML_BF16=1 asks for bf16.
    /// </summary>
    public static ScalarType ConvolutionType(Device device) =>
        device.type == DeviceType.CUDA || Environment.GetEnvironmentVariable("PLATFORM_ML_BF16") == "1"
            ? ScalarType.BFloat16
            : ScalarType.Float32;

    /// <summary>
    /// Same shape, NHWC memory order (what memory_format=channels_last gives in PyTorch). Permuting back after
    /// contiguous() gives the NHWC strides, and gradients flow through it. With one channel NCHW and NHWC are the
    /// same bytes, contiguous() changes nothing and the strides stay NCHW: then the first convolution of a gray
    /// image network ran in NCHW and its 32-channel output was reordered forward and backward at every step
    /// (25-30% of the step). For one channel the NHWC strides are therefore set explicitly with as_strided.
    /// </summary>
    public static Tensor ToChannelsLast(Tensor x)
    {
        if (x.dim() != 4)
        {
            return x;
        }

        var nhwc = x.permute(0, 2, 3, 1).contiguous();
        if (x.shape[1] != 1)
        {
            return nhwc.permute(0, 3, 1, 2);
        }

        long h = x.shape[2], w = x.shape[3];
        return nhwc.as_strided(x.shape, [h * w, 1, w, 1]);
    }
}
