using Platform.Storage.Objects;
using Shouldly;
using Xunit;

namespace Platform.Storage.Tests.Objects;

public sealed class FolderObjectStoreTests : ObjectStoreContractTests
{
    // The store's root sits one level down so a write that escaped it would land in the sandbox and be seen.
    private readonly string sandbox = Directory.CreateTempSubdirectory("platform-objects-").FullName;
    private readonly FolderObjectStore store;

    public FolderObjectStoreTests() => store = new FolderObjectStore(Path.Combine(sandbox, "objects"));

    protected override IObjectStore Store => store;

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(sandbox, recursive: true);
        return ValueTask.CompletedTask;
    }

    protected override void AssertNothingWrittenOutside()
    {
        Directory.EnumerateFileSystemEntries(sandbox).Where(p => Path.GetFileName(p) != "objects").ShouldBeEmpty();
        if (Directory.Exists(store.Root))
            Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheFolderStoreGivesNoDownloadUrl()
    {
        await PutTextAsync("a.txt", "a");

        (await Store.GetDownloadUrlAsync("a.txt", TimeSpan.FromMinutes(5), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ObjectsAreFilesUnderTheRoot()
    {
        await PutTextAsync("x/y/z.txt", "zed");

        (await File.ReadAllTextAsync(Path.Combine(store.Root, "x", "y", "z.txt"), Ct)).ShouldBe("zed");
    }

    [Fact]
    public async Task AReaderKeepsTheVersionItOpenedWhileTheObjectIsReplaced()
    {
        await Store.PutAsync("v.bin", new MemoryStream(Enumerable.Repeat((byte)1, 100_000).ToArray()), ct: Ct);
        await using var reader = await Store.OpenReadAsync("v.bin", Ct);
        var first = new byte[10];
        await reader.ReadExactlyAsync(first, Ct);

        await Store.PutAsync("v.bin", new MemoryStream(Enumerable.Repeat((byte)2, 50).ToArray()), ct: Ct);

        var rest = new MemoryStream();
        await reader.CopyToAsync(rest, Ct);
        rest.Length.ShouldBe(100_000 - 10);
        rest.ToArray().ShouldAllBe(b => b == 1);
    }

    [Fact]
    public async Task DeletingTheLastObjectOfAFolderRemovesTheEmptyFolder()
    {
        await PutTextAsync("deep/er/file.txt", "x");

        await Store.DeleteAsync("deep/er/file.txt", Ct);

        Directory.Exists(Path.Combine(store.Root, "deep")).ShouldBeFalse();
    }

    [Fact]
    public async Task AKeyCannotBeBothAnObjectAndAFolder()
    {
        await PutTextAsync("a/b", "x");

        var error = await Should.ThrowAsync<InvalidObjectKeyException>(() => PutTextAsync("a", "y"));
        error.Reason.ShouldContain("a/");
        await Should.ThrowAsync<InvalidObjectKeyException>(() => PutTextAsync("a/b/c", "z"));
        (await ReadTextAsync("a/b")).ShouldBe("x");
    }

    [Fact]
    public async Task TheStagingFolderIsReservedAndNeverListed()
    {
        await Should.ThrowAsync<InvalidObjectKeyException>(() => PutTextAsync(".staging/x", "x"));
        await Store.CheckAsync(Ct);
        Directory.CreateDirectory(Path.Combine(store.Root, ".staging"));
        await File.WriteAllTextAsync(Path.Combine(store.Root, ".staging", "leftover.partial"), "junk", Ct);

        await using var items = Store.ListAsync("", Ct).GetAsyncEnumerator(Ct);
        (await items.MoveNextAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task AStreamShorterThanItsDeclaredLengthIsRefused()
    {
        await Should.ThrowAsync<InvalidDataException>(() => Store.PutAsync("short", new MemoryStream([1, 2]), 3, ct: Ct));

        (await Store.StatAsync("short", Ct)).ShouldBeNull();
    }
}
