using System.Security.Cryptography;
using Platform.Storage.Objects;
using Shouldly;
using Xunit;

namespace Platform.Storage.Tests.Objects;

/// <summary>What every <see cref="IObjectStore"/> must do; each store's test class runs all of it.</summary>
public abstract class ObjectStoreContractTests : IAsyncDisposable
{
    private const int MiB = 1024 * 1024;

    protected abstract IObjectStore Store { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public abstract ValueTask DisposeAsync();

    [Fact]
    public async Task AMultiMegabyteStreamOfUnknownLengthRoundTrips()
    {
        const long size = 21L * MiB + 12345; // more than one 16 MiB multipart part, not a whole number of them
        await Store.PutAsync("datasets/big.bin", new GeneratedStream(size, seed: 7), ct: Ct);

        (await Store.StatAsync("datasets/big.bin", Ct))!.Size.ShouldBe(size);
        await using var read = await Store.OpenReadAsync("datasets/big.bin", Ct);
        (await HashAsync(read)).ShouldBe(await HashAsync(new GeneratedStream(size, seed: 7)));
    }

    [Fact]
    public async Task AnObjectOfKnownLengthRoundTrips()
    {
        await PutTextAsync("a/hello.txt", "hello, world");

        (await ReadTextAsync("a/hello.txt")).ShouldBe("hello, world");
    }

    [Fact]
    public async Task AnEmptyObjectRoundTrips()
    {
        await Store.PutAsync("empty", new MemoryStream(), ct: Ct);

        (await Store.StatAsync("empty", Ct))!.Size.ShouldBe(0);
        (await ReadTextAsync("empty")).ShouldBe("");
    }

    [Fact]
    public async Task KeysWithSpacesPunctuationAndUnicodeRoundTrip()
    {
        const string key = "data sets/ünïcødé 名前/a+b (1)&c=d;e,f@g!.txt";
        await PutTextAsync(key, "x");

        (await ReadTextAsync(key)).ShouldBe("x");
        (await ListKeysAsync("data sets/")).ShouldBe([key]);
    }

    [Fact]
    public async Task StatGivesTheSizeAndARecentTime()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await PutTextAsync("stat/me.txt", "12345");

        var info = (await Store.StatAsync("stat/me.txt", Ct)).ShouldNotBeNull();
        info.Key.ShouldBe("stat/me.txt");
        info.Size.ShouldBe(5);
        info.LastModified.ShouldBeInRange(before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task StatOfAMissingObjectIsNull()
    {
        (await Store.StatAsync("nothing/here", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListingByPrefixGivesTheMatchingKeysInKeyOrder()
    {
        string[] keys = ["b/2", "a/sub/x", "a/2", "ab", "a/10", "a.txt", "a/1"];
        foreach (var key in keys)
            await PutTextAsync(key, key);

        (await ListKeysAsync("")).ShouldBe(["a.txt", "a/1", "a/10", "a/2", "a/sub/x", "ab", "b/2"]);
        (await ListKeysAsync("a/")).ShouldBe(["a/1", "a/10", "a/2", "a/sub/x"]);
        (await ListKeysAsync("a")).ShouldBe(["a.txt", "a/1", "a/10", "a/2", "a/sub/x", "ab"]);
        (await ListKeysAsync("a/1")).ShouldBe(["a/1", "a/10"]);
        (await ListKeysAsync("a/su")).ShouldBe(["a/sub/x"]);
        (await ListKeysAsync("zzz/")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListingGivesSizes()
    {
        await PutTextAsync("sized/three", "abc");

        var listed = await ListAsync("sized/");
        listed.Single().Size.ShouldBe(3);
    }

    [Fact]
    public async Task DeletingRemovesTheObject()
    {
        await PutTextAsync("gone/soon.txt", "x");
        await PutTextAsync("gone/stays.txt", "y");

        await Store.DeleteAsync("gone/soon.txt", Ct);

        (await Store.StatAsync("gone/soon.txt", Ct)).ShouldBeNull();
        (await ListKeysAsync("")).ShouldBe(["gone/stays.txt"]);
        await Should.ThrowAsync<ObjectNotFoundException>(() => Store.OpenReadAsync("gone/soon.txt", Ct));
    }

    [Fact]
    public async Task DeletingAMissingObjectIsNotAnError()
    {
        await Store.DeleteAsync("never/was/there", Ct);
    }

    [Fact]
    public async Task PuttingAgainReplacesTheObject()
    {
        await PutTextAsync("doc.txt", "first version, rather long");
        await PutTextAsync("doc.txt", "second");

        (await ReadTextAsync("doc.txt")).ShouldBe("second");
        (await Store.StatAsync("doc.txt", Ct))!.Size.ShouldBe(6);
        (await ListKeysAsync("")).ShouldBe(["doc.txt"]);
    }

    [Fact]
    public async Task AMissingObjectThrowsNotFound()
    {
        var error = await Should.ThrowAsync<ObjectNotFoundException>(() => Store.OpenReadAsync("missing/object.bin", Ct));

        error.Key.ShouldBe("missing/object.bin");
    }

    [Fact]
    public async Task AnObjectIsInvisibleUntilItsPutCompletes()
    {
        // A head larger than one multipart part, so S3 has already received a part when the put stalls.
        var head = RandomNumberGenerator.GetBytes(17 * MiB);
        var tail = RandomNumberGenerator.GetBytes(1000);
        var body = new GatedStream(head, tail);
        var put = Store.PutAsync("slow/upload.bin", body, ct: Ct);

        await body.HeadRead.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        (await Store.StatAsync("slow/upload.bin", Ct)).ShouldBeNull();
        (await ListKeysAsync("")).ShouldBeEmpty();
        await Should.ThrowAsync<ObjectNotFoundException>(() => Store.OpenReadAsync("slow/upload.bin", Ct));

        body.Release();
        await put;
        (await Store.StatAsync("slow/upload.bin", Ct))!.Size.ShouldBe(head.Length + tail.Length);
    }

    [Fact]
    public async Task ClosingAReadEarlyLeavesTheStoreUsable()
    {
        await Store.PutAsync("early/close.bin", new GeneratedStream(8L * MiB, seed: 3), ct: Ct);

        await using (var read = await Store.OpenReadAsync("early/close.bin", Ct))
            (await read.ReadAsync(new byte[1000], Ct)).ShouldBeGreaterThan(0);

        await Store.DeleteAsync("early/close.bin", Ct);
        (await Store.StatAsync("early/close.bin", Ct)).ShouldBeNull();
    }

    public static TheoryData<string> BadKeys =>
    [
        "../x",
        "/abs",
        "a\\b",
        "a/../b",
        "a\u0001b",
        "line\nbreak",
        "",
        "a//b",
        "./a",
        "a/",
        "C:/windows",
        new string('k', 1025),
    ];

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task ABadKeyIsRefusedAndNothingIsWritten(string key)
    {
        await Should.ThrowAsync<InvalidObjectKeyException>(() => Store.PutAsync(key, new MemoryStream([1, 2, 3]), 3, ct: Ct));
        await Should.ThrowAsync<InvalidObjectKeyException>(() => Store.OpenReadAsync(key, Ct));
        await Should.ThrowAsync<InvalidObjectKeyException>(() => Store.StatAsync(key, Ct));
        await Should.ThrowAsync<InvalidObjectKeyException>(() => Store.DeleteAsync(key, Ct));
        await Should.ThrowAsync<InvalidObjectKeyException>(() => Store.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(1), Ct));

        (await ListKeysAsync("")).ShouldBeEmpty();
        AssertNothingWrittenOutside();
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("a\\")]
    [InlineData("a/../")]
    public async Task ABadPrefixIsRefused(string prefix)
    {
        await Should.ThrowAsync<InvalidObjectKeyException>(() => ListAsync(prefix));
    }

    [Fact]
    public async Task TheHealthCheckPassesAndLeavesNothingBehind()
    {
        await Store.CheckAsync(Ct);

        (await ListKeysAsync("")).ShouldBeEmpty();
    }

    /// <summary>Stores backed by the local disk check that a refused key left no file beside the store.</summary>
    protected virtual void AssertNothingWrittenOutside()
    {
    }

    protected async Task PutTextAsync(string key, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await Store.PutAsync(key, new MemoryStream(bytes), bytes.Length, "text/plain", Ct);
    }

    protected async Task<string> ReadTextAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, Ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Ct);
    }

    private async Task<List<ObjectInfo>> ListAsync(string prefix)
    {
        var list = new List<ObjectInfo>();
        await foreach (var info in Store.ListAsync(prefix, Ct))
            list.Add(info);
        return list;
    }

    private async Task<string[]> ListKeysAsync(string prefix) => [.. (await ListAsync(prefix)).Select(o => o.Key)];

    private static async Task<string> HashAsync(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(buffer, Ct)) > 0)
            hash.AppendData(buffer, 0, n);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
