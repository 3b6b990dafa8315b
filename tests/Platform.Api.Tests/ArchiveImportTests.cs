using System.Formats.Tar;
using System.IO.Compression;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Every archive kind imports end to end, uploaded in several chunks so that the parts are read back concatenated.</summary>
public abstract class ArchiveImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Theory]
    [InlineData("pets.zip")]
    [InlineData("pets.tar")]
    [InlineData("pets.tar.gz")]
    [InlineData("pets.tgz")]
    public async Task EachArchiveKindImportsFromAChunkedUpload(string fileName)
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        (string Path, byte[] Content)[] entries =
        [
            ("pets/cats/a.png", DatasetFixtures.Png(40, 30, 10)), ("pets/cats/b.png", DatasetFixtures.Png(40, 30, 20)),
            ("pets/dogs/c.png", DatasetFixtures.Png(40, 30, 30)), ("pets/dogs/d.png", DatasetFixtures.Png(40, 30, 40)),
        ];
        var archive = fileName.EndsWith(".zip", StringComparison.Ordinal) ? DatasetFixtures.Zip(entries) : Tar(entries, gzip: !fileName.EndsWith(".tar", StringComparison.Ordinal));
        var chunk = Math.Max(1, archive.Length / 5);

        var dataset = await owner.CreateDatasetAsync(workspace.Id, new CreateDatasetRequest(fileName), ct);
        var upload = await owner.UploadAsync(workspace.Id, new MemoryStream(archive), fileName, chunkBytes: chunk, ct: ct);
        upload.State.ShouldBe(UploadState.Complete);
        var started = await owner.StartImportAsync(workspace.Id, dataset.Id, new StartImportRequest([upload.Id]), ct);
        var import = await Wait.ForOperationAsync(owner, workspace.Id, started.Id, ct, seconds: 120);

        import.ShouldHaveSucceeded();
        var version = (await owner.GetDatasetAsync(workspace.Id, dataset.Id, ct)).LatestVersion!;
        version.ItemCount.ShouldBe(4);
        version.Classes.ShouldBe(["cats", "dogs"]);
        var items = await owner.AllItemsAsync(workspace.Id, dataset.Id, version.Number, ct);
        items.ShouldAllBe(i => i.Width == 40 && i.Height == 30);
    }

    /// <summary>A tar, or a gzip-compressed tar, of the entries (a MemoryStream can still be read out once closed).</summary>
    private static byte[] Tar((string Path, byte[] Content)[] entries, bool gzip)
    {
        var output = new MemoryStream();
        using (Stream target = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : output)
        using (var tar = new TarWriter(target, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (path, content) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content) });
        return output.ToArray();
    }
}
