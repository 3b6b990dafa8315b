using System.Formats.Tar;
using System.IO.Compression;
using Platform.Datasets.Archives;

namespace Platform.Datasets.Tests;

public sealed class ArchiveReaderTests
{
    [Theory]
    [InlineData("a.zip", true)]
    [InlineData("A.ZIP", true)]
    [InlineData("a.tar", true)]
    [InlineData("a.tar.gz", true)]
    [InlineData("a.TGZ", true)]
    [InlineData("a.gz", false)]
    [InlineData("a.csv", false)]
    [InlineData("zip", false)]
    public void ArchivesAreRecognizedByTheirExtension(string fileName, bool archive) =>
        ArchiveReader.IsArchive(fileName).ShouldBe(archive);

    [Fact]
    public async Task AZipYieldsItsFilesInOrderWithNormalizedPaths()
    {
        using var zip = ArchiveFixtures.Zip(("b/one.txt", "1"), ("dir/", ""), ("win\\two.txt", "2"), ("./three.txt", "3"));

        var files = await ArchiveFixtures.ReadAllAsync(zip, "data.zip");

        files.ShouldBe([("b/one.txt", "1"), ("win/two.txt", "2"), ("three.txt", "3")]);
    }

    [Theory]
    [InlineData(false, "data.tar")]
    [InlineData(true, "data.tar.gz")]
    [InlineData(true, "data.tgz")]
    public async Task ATarYieldsItsFilesAndSkipsDirectories(bool gzip, string fileName)
    {
        using var tar = ArchiveFixtures.Tar(gzip,
            new PaxTarEntry(TarEntryType.Directory, "./"),
            ArchiveFixtures.File("./a.txt", "alpha"),
            new PaxTarEntry(TarEntryType.Directory, "sub/"),
            ArchiveFixtures.File("sub/b.txt", "beta"),
            ArchiveFixtures.File("empty.txt", ""));

        var files = await ArchiveFixtures.ReadAllAsync(new ForwardOnlyStream(tar), fileName);

        files.ShouldBe([("a.txt", "alpha"), ("sub/b.txt", "beta"), ("empty.txt", "")]);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("ok/../../evil.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\windows\\evil.txt")]
    [InlineData("\\\\server\\share\\evil.txt")]
    [InlineData("..\\evil.txt")]
    [InlineData("bad\u0001name.txt")]
    public async Task AZipWithAnUnsafeNameIsRefusedNamingTheEntry(string name)
    {
        using var zip = ArchiveFixtures.Zip(("fine.txt", "ok"), (name, "evil"));

        var error = await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(zip, "data.zip"));

        error.Message.ShouldContain(SafeNames.Display(name));
    }

    [Fact]
    public async Task ATarWithASymbolicLinkIsRefused()
    {
        using var tar = ArchiveFixtures.Tar(true,
            new PaxTarEntry(TarEntryType.SymbolicLink, "passwd") { LinkName = "/etc/passwd" });

        var error = await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(tar, "data.tgz"));

        error.Message.ShouldContain("\"passwd\"");
        error.Message.ShouldContain("links are not allowed");
    }

    [Fact]
    public async Task ATarWithAHardLinkIsRefused()
    {
        using var tar = ArchiveFixtures.Tar(false, ArchiveFixtures.File("a.txt", "a"),
            new PaxTarEntry(TarEntryType.HardLink, "b.txt") { LinkName = "a.txt" });

        await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(tar, "data.tar"));
    }

    [Fact]
    public async Task ATarWithAControlCharacterInANameIsRefused()
    {
        using var tar = ArchiveFixtures.Tar(false, ArchiveFixtures.File("bad\u0001.txt", "x"));

        var error = await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(tar, "data.tar"));

        error.Message.ShouldContain("bad\\u0001.txt");
        error.Message.ShouldContain("control characters");
    }

    [Fact]
    public async Task ATarWithAnEscapingNameIsRefused()
    {
        using var tar = ArchiveFixtures.Tar(true, ArchiveFixtures.File("../../etc/cron.d/x", "x"));

        await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(tar, "data.tar.gz"));
    }

    [Fact]
    public async Task AZipSymbolicLinkIsRefused()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = zip.CreateEntry("link");
            link.ExternalAttributes = 0xA1FF << 16;
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        }

        memory.Position = 0;

        await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(memory, "data.zip"));
    }

    [Fact]
    public async Task SomethingThatIsNotAnArchiveIsRefused()
    {
        using var garbage = new MemoryStream("this is not a zip at all, just some text bytes"u8.ToArray());

        await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(garbage, "data.zip"));
        garbage.Position = 0;
        await Should.ThrowAsync<ArchiveRejectedException>(() => ArchiveFixtures.SkimAsync(garbage, "data.tgz"));
    }

    [Fact]
    public async Task AZipMustBeSeekable()
    {
        using var zip = ArchiveFixtures.Zip(("a.txt", "a"));

        await Should.ThrowAsync<ArgumentException>(() => ArchiveFixtures.SkimAsync(new ForwardOnlyStream(zip), "data.zip"));
    }
}
