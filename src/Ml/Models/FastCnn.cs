using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.Ml.Models;

/// <summary>VGG-style CNN for CPU: three stages of two 3×3 convolutions, max pooling, global average pooling.</summary>
internal sealed class FastCnn : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> layers = new();
    private readonly Dropout dropout;
    private readonly Linear head;

    public FastCnn(int channels, int classes, double width, ScalarType compute) : base(nameof(FastCnn))
    {
        long previous = channels;
        for (var stage = 0; stage < 3; stage++)
        {
            var c = Width(32 << stage, width);
            layers.Add(new ConvBnRelu(previous, c, 1, compute));
            layers.Add(new ConvBnRelu(c, c, 1, compute));
            layers.Add(MaxPool2d(2));
            previous = c;
        }

        dropout = Dropout(0.1);
        head = Linear(previous, classes);
        RegisterComponents();
    }

    internal static long Width(int baseWidth, double multiplier) => Math.Max(8, (long)Math.Round(baseWidth * multiplier / 8) * 8);

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            x = layer.forward(x);
        }

        x = functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1).to(ScalarType.Float32);
        return head.forward(dropout.forward(x));
    }
}

/// <summary>Small residual network (three stages of basic blocks), the "image-resnet" option.</summary>
internal sealed class SmallResNet : Module<Tensor, Tensor>
{
    private readonly ConvBnRelu stem;
    private readonly ModuleList<Module<Tensor, Tensor>> blocks = new();
    private readonly Linear head;

    public SmallResNet(int channels, int classes, double width, ScalarType compute) : base(nameof(SmallResNet))
    {
        var c0 = FastCnn.Width(32, width);
        stem = new ConvBnRelu(channels, c0, 1, compute);
        var previous = c0;
        for (var stage = 0; stage < 3; stage++)
        {
            var c = FastCnn.Width(32 << stage, width);
            blocks.Add(new BasicBlock(previous, c, stage == 0 ? 1 : 2, compute));
            blocks.Add(new BasicBlock(c, c, 1, compute));
            previous = c;
        }

        head = Linear(previous, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = stem.forward(input);
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        return head.forward(functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1).to(ScalarType.Float32));
    }

    private sealed class BasicBlock : Module<Tensor, Tensor>
    {
        private readonly ConvBnRelu first;
        private readonly ConvBnRelu second;
        private readonly Module<Tensor, Tensor>? shortcut;

        public BasicBlock(long input, long output, long stride, ScalarType compute) : base(nameof(BasicBlock))
        {
            first = new ConvBnRelu(input, output, stride, compute);
            second = new ConvBnRelu(output, output, 1, compute, relu: false);
            shortcut = stride == 1 && input == output ? null : new ShortcutProjection(input, output, stride, compute);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var residual = shortcut is null ? input : shortcut.forward(input);
            var x = second.forward(first.forward(input));
            return functional.relu(x + residual.to(x.dtype));
        }
    }

    private sealed class ShortcutProjection : Module<Tensor, Tensor>
    {
        private readonly MixedConv2d conv;
        private readonly BatchNorm2d bn;

        public ShortcutProjection(long input, long output, long stride, ScalarType compute) : base(nameof(ShortcutProjection))
        {
            conv = new MixedConv2d(input, output, 1, stride, compute);
            bn = BatchNorm2d(output);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => bn.forward(conv.forward(input));
    }
}
