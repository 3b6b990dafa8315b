using System.IO.Compression;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Archives that try to escape, explode or smuggle names are refused whole, and nothing is written.</summary>
public abstract class DatasetSafetyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Theory]
    [InlineData("../escape/a.png", "..")]
    [InlineData("/etc/cron.d/a.png", "absolute")]
    [InlineData("cats/bad\u0001name.png", "control")]
    public async Task DangerousNamesInAnArchiveAreRefused(string entry, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var zip = DatasetFixtures.Zip(("cats/ok.png", DatasetFixtures.Png()), ("dogs/ok.png", DatasetFixtures.Png(shade: 9)), (entry, DatasetFixtures.Png(shade: 3)));
        var (dataset, import) = await owner.ImportAsync(workspace.Id, zip, "evil.zip", ct);
        import.State.ShouldBe(OperationState.Failed);
        import.Message!.ShouldContain(reason, Case.Insensitive);
        dataset.VersionCount.ShouldBe(0);
    }

    [Fact]
    public async Task AZipBombIsStoppedByTheCompressionRatioLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("cats/zeros.png", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 300; i++) entry.Write(zeros);
        }
        bomb.Length.ShouldBeLessThan(1 << 20);
        var (dataset, import) = await owner.ImportAsync(workspace.Id, bomb.ToArray(), "bomb.zip", ct);
        import.State.ShouldBe(OperationState.Failed);
        import.Message!.ShouldContain("zip bomb");
        dataset.VersionCount.ShouldBe(0);
        (await owner.GetStorageAsync(workspace.Id, ct)).UsedBytes.ShouldBeLessThan(1 << 20);
    }

    [Fact]
    public async Task AnUnknownLayoutIsRefusedWithTheLayoutsThatAreAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (_, import) = await owner.ImportAsync(workspace.Id, DatasetFixtures.Zip(("notes.txt", DatasetFixtures.Text("hello"))), "notes.zip", ct);
        import.State.ShouldBe(OperationState.Failed);
        import.Message!.ShouldContain("COCO");
    }
}
