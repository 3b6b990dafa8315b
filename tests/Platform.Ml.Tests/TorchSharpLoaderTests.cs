using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Tests;

public class TorchSharpLoaderTests
{
    [Fact]
    public void TheNativeLibraryLoadsAndATinyNetworkLearns()
    {
        // Fails with a TypeInitializationException when build/patch-libtorchsharp.py did not run on Debian 12.
        torch.manual_seed(1);
        var x = torch.randn(64, 4);
        var y = (x.sum(1, keepdim: true) > 0).to(ScalarType.Float32);
        var model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1));
        var optimizer = torch.optim.Adam(model.parameters(), 0.05);
        var losses = new List<float>();
        for (var step = 0; step < 30; step++)
        {
            using var scope = torch.NewDisposeScope();
            var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(x), y);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }

        losses[^1].ShouldBeLessThan(losses[0] * 0.5f);
    }
}
