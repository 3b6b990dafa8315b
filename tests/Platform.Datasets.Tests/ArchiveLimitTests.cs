using Platform.Datasets.Archives;

namespace Platform.Datasets.Tests;

public sealed class ArchiveLimitTests
{
    [Fact]
    public async Task AZipBombIsRefusedLongBeforeItExpands()
    {
        using var bomb = ArchiveFixtures.ZeroZip(200L << 20);
        bomb.Length.ShouldBeLessThan(1L << 20);
        long consumed = 0;

        var error = await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveReader.ReadAsync(bomb, "bomb.zip",
            new ArchiveLimits(), async (_, content, ct) =>
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    consumed += n;
                }
            }, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("zeros.bin");
        error.Message.ShouldContain("100 times its size");
        consumed.ShouldBeLessThan(bomb.Length * 101);
    }

    [Fact]
    public async Task AGzipBombIsRefusedEvenWhenTheConsumerSkipsTheFile()
    {
        using var bomb = ArchiveFixtures.Tar(true, ArchiveFixtures.File("zeros.bin", new ZeroStream(64L << 20)));

        var error = await Should.ThrowAsync<ArchiveRejectedException>(
            () => ArchiveFixtures.SkimAsync(new ForwardOnlyStream(bomb), "bomb.tgz"));

        error.Message.ShouldContain("zip bomb");
    }

    [Fact]
    public async Task TooManyFilesAreRefused()
    {
        using var zip = ArchiveFixtures.Zip(("a", "1"), ("b", "2"), ("c", "3"));

        var error = await Should.ThrowAsync<ArchiveRejectedException>(
            () => ArchiveFixtures.SkimAsync(zip, "data.zip", new ArchiveLimits(MaxEntries: 2)));

        error.Message.ShouldContain("more than 2 files");
        error.Message.ShouldContain("\"c\"");
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefused()
    {
        using var zip = ArchiveFixtures.Zip(("small", "x"), ("big", new string('x', 2000)));

        var error = await Should.ThrowAsync<ArchiveRejectedException>(
            () => ArchiveFixtures.ReadAllAsync(zip, "data.zip", new ArchiveLimits(MaxEntryBytes: 1000)));

        error.Message.ShouldContain("\"big\"");
        error.Message.ShouldContain("larger than 1000 bytes");
    }

    [Fact]
    public async Task AnArchiveExpandingPastTheTotalLimitIsRefused()
    {
        using var tar = ArchiveFixtures.Tar(false, ArchiveFixtures.File("a", new string('a', 600)),
            ArchiveFixtures.File("b", new string('b', 600)));

        var error = await Should.ThrowAsync<ArchiveRejectedException>(
            () => ArchiveFixtures.SkimAsync(tar, "data.tar", new ArchiveLimits(MaxExpandedBytes: 1000)));

        error.Message.ShouldContain("\"b\"");
        error.Message.ShouldContain("more than 1000 bytes");
    }

    [Fact]
    public async Task AnArchiveWithinTheLimitsIsReadWhole()
    {
        using var zip = ArchiveFixtures.Zip(("a", new string('a', 600)), ("b", new string('b', 400)));

        var files = await ArchiveFixtures.ReadAllAsync(zip, "data.zip",
            new ArchiveLimits(MaxExpandedBytes: 1000, MaxEntries: 2, MaxEntryBytes: 600));

        files.Select(f => f.Content.Length).ShouldBe([600, 400]);
    }
}
