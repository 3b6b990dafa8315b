using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Security;

/// <summary>Hostile cases against storage: the quota (overflow, parallel uploads, archive expansion) and chunk races.</summary>
public abstract class StorageSecurityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ADeclaredSizeNearLongMaxValueDoesNotOverflowTheQuota()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, workspace) = await QuotaWorkspaceAsync(5_000_000, ct);
        var error = await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("huge.bin", long.MaxValue), ct).ShouldFailWith(HttpStatusCode.Conflict);
        error.Problem!.Title.ShouldBe("Storage quota exceeded.");
        await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("huge.bin", long.MaxValue - 10), ct).ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task WithoutAQuotaAHugeDeclaredSizeIsRefusedSoUsageCannotOverflow()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, workspace) = await QuotaWorkspaceAsync(0, ct);
        var error = await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("huge.bin", long.MaxValue), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["size"].Single().ShouldContain("at most 4 TiB");
        await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("big.bin", 4L << 40), ct);
        await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("big2.bin", 4L << 40), ct);
        (await admin.GetStorageAsync(workspace.Id, ct)).UsedBytes.ShouldBe(8L << 40);
    }

    [Fact]
    public async Task UploadsReserveTheirDeclaredSizeSoParallelUploadsCannotOvershoot()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, workspace) = await QuotaWorkspaceAsync(1_000_000, ct);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try { await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest($"part{i}.bin", 400_000), ct); return true; }
            catch (PlatformApiException e) when (e.Status == HttpStatusCode.Conflict) { return false; }
        }));
        attempts.Count(created => created).ShouldBe(2);
        (await admin.GetStorageAsync(workspace.Id, ct)).UsedBytes.ShouldBe(800_000);
    }

    [Fact]
    public async Task AnArchiveThatExpandsPastTheQuotaIsRefusedAndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(7);
        // Four symbols per byte: about 4:1 in a zip, far below the zip-bomb ratio, so only the quota can stop it.
        var files = Enumerable.Range(0, 6).Select(i =>
        {
            var bytes = new byte[1_000_000];
            for (var b = 0; b < bytes.Length; b++) bytes[b] = (byte)('a' + random.Next(4));
            return ($"class{i % 2}/file{i}.txt", bytes);
        }).ToArray();
        var zip = DatasetFixtures.Zip(files);
        zip.Length.ShouldBeLessThan(2_500_000);
        var (admin, workspace) = await QuotaWorkspaceAsync(3_000_000, ct);

        var (_, import) = await admin.ImportAsync(workspace.Id, zip, "expands.zip", ct);
        import.State.ShouldBe(OperationState.Failed);
        import.Message.ShouldNotBeNull().ShouldContain("storage quota");
        var storage = await admin.GetStorageAsync(workspace.Id, ct);
        storage.UsedBytes.ShouldBeLessThanOrEqualTo(storage.QuotaBytes);
        // The files stored before the quota stopped it are removed soon after; only the upload (kept to retry) remains.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (await admin.GetStorageAsync(workspace.Id, ct)).BlobCount > 0) await Task.Delay(200, ct);
        storage = await admin.GetStorageAsync(workspace.Id, ct);
        (storage.BlobCount, storage.UsedBytes).ShouldBe((0, zip.Length));
    }

    [Fact]
    public async Task TwoChunksAtTheSameOffsetAreNotBothTaken()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        for (var round = 0; round < 5; round++)
        {
            var upload = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("raced.bin", 2_000_000), ct);
            var first = Enumerable.Repeat((byte)1, 1_000_000).ToArray();
            var second = Enumerable.Repeat((byte)2, 1_000_000).ToArray();
            var sent = await Task.WhenAll(Send(owner, workspace.Id, upload.Id, first, ct), Send(owner, workspace.Id, upload.Id, second, ct));
            sent.Count(taken => taken).ShouldBe(1, $"round {round}");
            (await owner.GetUploadAsync(workspace.Id, upload.Id, ct)).ReceivedBytes.ShouldBe(1_000_000);
        }
    }

    private static async Task<bool> Send(PlatformClient client, Guid ws, Guid id, byte[] data, CancellationToken ct)
    {
        try { await client.SendChunkAsync(ws, id, 0, data, ct); return true; }
        catch (PlatformApiException e) when (e.Status == HttpStatusCode.Conflict) { return false; }
    }

    private async Task<(PlatformClient Admin, WorkspaceDto Workspace)> QuotaWorkspaceAsync(long quota, CancellationToken ct)
    {
        var admin = await app.AdminAsync();
        var workspace = await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest($"Quota {Guid.NewGuid():N}"[..16]), ct);
        await admin.SetStorageQuotaAsync(workspace.Id, quota, ct);
        return (admin, workspace);
    }
}
