using System.Diagnostics;
using Platform.Ml;
using Platform.Ml.Samples;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.Bench;

// TEMPORARY experiment (delete after use).
internal static class ZzPrecisionExperiment
{
    internal sealed record V(string Name, ScalarType Compute, bool StoreCL, bool BnFp32, bool Pure, bool InputCLStrided);

    public static int Run(string[] args)
    {
        var seconds = double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var names = args.Skip(1).ToArray();
        var all = new List<V>
        {
            new("a-fp32-current", ScalarType.Float32, false, false, false, false),
            new("b-bf16-current", ScalarType.BFloat16, false, false, false, false),
            new("c-fp32-clw", ScalarType.Float32, true, false, false, true),
            new("d-bf16-clw", ScalarType.BFloat16, true, false, false, true),
            new("d2-bf16-clw-bnfp32", ScalarType.BFloat16, true, true, false, true),
            new("e-purebf16-clw", ScalarType.BFloat16, true, false, true, true),
            new("a2-fp32-current-inCL", ScalarType.Float32, false, false, false, true),
        };
        torch.set_num_threads(Environment.ProcessorCount);
        Console.WriteLine($"threads={torch.get_num_threads()}");
        var items = SampleImages.Create(perClass: 800, seed: 11, testEvery: 0).ToList();
        var x = Platform.Ml.Data.ImageCache.Build(items, 28, 1, CancellationToken.None);
        var classes = SampleImages.Classes.ToList();
        var y = torch.tensor(items.Select(i => (long)classes.IndexOf(i.Label)).ToArray());
        var best = new Dictionary<string, double>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var v in all.Where(v => names.Length == 0 || names.Contains(v.Name)))
            {
                var r = Bare(x, y, seconds, v);
                Console.WriteLine($"round {round} {v.Name}: {r:0.0} images/s threads={torch.get_num_threads()}");
                best[v.Name] = Math.Max(best.GetValueOrDefault(v.Name), r);
            }
        }

        foreach (var (k, r) in best)
        {
            Console.WriteLine($"BEST {k}: {r:0.0}");
        }

        return 0;
    }

    internal static long[] NhwcStrides(long[] s) => [s[1] * s[2] * s[3], 1, s[3] * s[1], s[1]];

    internal static Tensor ToCL(Tensor x, bool strided)
    {
        if (x.dim() != 4) return x;
        if (!strided) return x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        var src = x.shape[1] == 1 ? x.clone() : x;
        return src.permute(0, 2, 3, 1).contiguous().as_strided(x.shape, NhwcStrides(x.shape));
    }

    private static double Bare(Tensor x, Tensor y, double seconds, V v)
    {
        torch.manual_seed(1);
        using var model = new XCnn(1, 10, v);
        if (v.Pure) model.to(ScalarType.BFloat16);
        if (v.StoreCL)
        {
            using var _ = torch.no_grad();
            foreach (var p in model.parameters())
            {
                if (p.dim() == 4)
                {
                    var cl = ToCL(p, true);
                    p.set_(cl);
                }
            }
        }

        foreach (var (n, p) in model.named_parameters())
        {
            if (p.dim() == 4 && n.Contains("0.conv")) Console.WriteLine($"  {n} {p.dtype} shape=[{string.Join(',', p.shape)}] strides=[{string.Join(',', p.stride())}]");
        }

        using var optimizer = torch.optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        model.train();
        var random = new Random(1);
        var watch = new Stopwatch();
        long images = 0;
        float last = 0;
        for (var step = 0; watch.Elapsed.TotalSeconds < seconds; step++)
        {
            if (step == 5) watch.Start();
            using var scope = torch.NewDisposeScope();
            var index = torch.tensor(Enumerable.Range(0, 128).Select(_ => random.Next((int)x.shape[0])).ToArray());
            var input = ToCL((x.index_select(0, index).to(ScalarType.Float32) - 40f) / 60f, v.InputCLStrided);
            if (v.Compute != ScalarType.Float32 && v.StoreCL) input = input.to(v.Compute);
            if (step == 0) Console.WriteLine($"  input strides=[{string.Join(',', input.stride())}] {input.dtype}");
            var loss = nn.functional.cross_entropy(model.forward(input).to(ScalarType.Float32), y.index_select(0, index), label_smoothing: 0.1);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (watch.IsRunning) images += 128;
        }

        Console.WriteLine($"  last loss {last:0.000}");
        return images / watch.Elapsed.TotalSeconds;
    }

    private sealed class XConv : Module<Tensor, Tensor>
    {
        private readonly Parameter weight;
        private readonly V v;

        public XConv(long input, long output, V v) : base("XConv")
        {
            weight = new Parameter(torch.empty(output, input, 3, 3));
            init.kaiming_normal_(weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
            this.v = v;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            Tensor w = weight.dtype == v.Compute ? weight : weight.to(v.Compute);
            if (!v.StoreCL) w = ToCL(w, false);
            var x = input.dtype == v.Compute ? input : input.to(v.Compute);
            return functional.conv2d(x, w, null, [1, 1], [1, 1]);
        }
    }

    private sealed class XBlock : Module<Tensor, Tensor>
    {
        private readonly XConv conv;
        private readonly BatchNorm2d bn;
        private readonly V v;

        public XBlock(long i, long o, V v) : base("XBlock")
        {
            conv = new XConv(i, o, v);
            bn = BatchNorm2d(o);
            this.v = v;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var c = conv.forward(input);
            if (v.BnFp32) c = c.to(ScalarType.Float32);
            return functional.relu(bn.forward(c));
        }
    }

    private sealed class XCnn : Module<Tensor, Tensor>
    {
        private readonly ModuleList<Module<Tensor, Tensor>> layers = new();
        private readonly Dropout dropout;
        private readonly Linear head;
        private readonly V v;

        public XCnn(int channels, int classes, V v) : base("XCnn")
        {
            long previous = channels;
            for (var stage = 0; stage < 3; stage++)
            {
                long c = 32 << stage;
                layers.Add(new XBlock(previous, c, v));
                layers.Add(new XBlock(c, c, v));
                layers.Add(MaxPool2d(2));
                previous = c;
            }

            dropout = Dropout(0.1);
            head = Linear(previous, classes);
            this.v = v;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var x = input;
            foreach (var layer in layers) x = layer.forward(x);
            x = functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1);
            if (!v.Pure) x = x.to(ScalarType.Float32);
            return head.forward(dropout.forward(x));
        }
    }
}
