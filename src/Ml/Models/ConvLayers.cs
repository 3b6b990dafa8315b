using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.Ml.Models;

/// <summary>Convolution without bias whose fp32 weights are cast to the compute type on the fly.</summary>
internal sealed class MixedConv2d : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly long stride;
    private readonly long padding;
    private readonly ScalarType compute;

    public MixedConv2d(long input, long output, long kernel, long stride, ScalarType compute) : base(nameof(MixedConv2d))
    {
        weight = new Parameter(torch.empty(output, input, kernel, kernel));
        init.kaiming_normal_(weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
        this.stride = stride;
        padding = kernel / 2;
        this.compute = compute;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var w = Precision.ToChannelsLast(compute == ScalarType.Float32 ? weight : weight.to(compute));
        var x = input.dtype == compute ? input : input.to(compute);
        return functional.conv2d(x, w, null, [stride, stride], [padding, padding]);
    }
}

/// <summary>Convolution, batch norm (fp32 statistics, mixed input works on CPU), ReLU.</summary>
internal sealed class ConvBnRelu : Module<Tensor, Tensor>
{
    private readonly MixedConv2d conv;
    private readonly BatchNorm2d bn;
    private readonly bool relu;

    public ConvBnRelu(long input, long output, long stride, ScalarType compute, bool relu = true) : base(nameof(ConvBnRelu))
    {
        conv = new MixedConv2d(input, output, 3, stride, compute);
        bn = BatchNorm2d(output);
        this.relu = relu;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = bn.forward(conv.forward(input));
        return relu ? functional.relu(x) : x;
    }
}
