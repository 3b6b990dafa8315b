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
    /// bf16 convolutions on CUDA. On this machine's CPU (avx512_bf16) they measured slower than fp32 with
    /// channels-last for our CNN (see docs/ml.md), so the CPU uses fp32 unless PLATFORM_ML_BF16=1 asks for bf16.
    /// </summary>
    public static ScalarType ConvolutionType(Device device) =>
        device.type == DeviceType.CUDA || Environment.GetEnvironmentVariable("PLATFORM_ML_BF16") == "1"
            ? ScalarType.BFloat16
            : ScalarType.Float32;

    /// <summary>
    /// Same shape, NHWC memory order (what memory_format=channels_last gives in PyTorch). Permuting back after
    /// contiguous() gives the NHWC strides without as_strided, and gradients flow through it.
    /// </summary>
    public static Tensor ToChannelsLast(Tensor x) =>
        x.dim() == 4 ? x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : x;
}
