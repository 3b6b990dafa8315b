using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class ModelTests
{
    [Fact]
    public void ABoxIsInPixelsUnlessMarkedNormalized() =>
        new ParsedBox("cat", 1, 2, 3, 4).Normalized.ShouldBeFalse();
}
