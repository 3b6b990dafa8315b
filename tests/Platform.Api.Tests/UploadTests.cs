using System.Net;
using System.Security.Cryptography;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class UploadTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AnInterruptedUploadResumesAtTheOffsetTheServerConfirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 123);
        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        var upload = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("big.bin", data.Length, sha), ct);

        await owner.SendChunkAsync(workspace.Id, upload.Id, 0, data.AsMemory(0, 1024 * 1024), ct);
        // The transfer is cut: the client thinks it sent more than the server kept, and tries to go on from there.
        var wrong = await owner.SendChunkAsync(workspace.Id, upload.Id, 2 * 1024 * 1024, data.AsMemory(2 * 1024 * 1024, 1024), ct)
            .ShouldFailWith(HttpStatusCode.Conflict);
        wrong.Problem!.Detail!.ShouldContain("expects offset 1048576");
        (await owner.GetUploadAsync(workspace.Id, upload.Id, ct)).ReceivedBytes.ShouldBe(1024 * 1024);

        var done = await owner.UploadAsync(workspace.Id, new MemoryStream(data), "big.bin", resumeId: upload.Id, chunkBytes: 1024 * 1024, ct: ct);
        done.State.ShouldBe(UploadState.Complete);
        done.Sha256.ShouldBe(sha);
        done.ReceivedBytes.ShouldBe(data.Length);
    }

    [Fact]
    public async Task DamagedDataIsRefusedWhenTheUploadCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var data = RandomNumberGenerator.GetBytes(5000);
        var upload = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("x.bin", data.Length, new string('a', 64)), ct);
        await owner.SendChunkAsync(workspace.Id, upload.Id, 0, data, ct);
        var error = await owner.CompleteUploadAsync(workspace.Id, upload.Id, ct).ShouldFailWith(HttpStatusCode.UnprocessableEntity);
        error.Problem!.Title!.ShouldContain("damaged");
        error.Problem.Detail!.ShouldContain("upload the file again");
        // Nothing to resume: the upload is gone and its reserved space is free again.
        await owner.GetUploadAsync(workspace.Id, upload.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await owner.GetStorageAsync(workspace.Id, ct)).UsedBytes.ShouldBe(0);
    }

    [Fact]
    public async Task BadUploadRequestsGetAProblemPerField()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var error = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("../evil.zip", -1, "xyz"), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.Keys.ShouldBe(["fileName", "size", "sha256"], ignoreOrder: true);
        var upload = await owner.CreateUploadAsync(workspace.Id, new CreateUploadRequest("a.bin", 10), ct);
        await owner.SendChunkAsync(workspace.Id, upload.Id, 0, new byte[11], ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.CompleteUploadAsync(workspace.Id, upload.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnUploadOverTheQuotaIsRefusedAndTheQuotaIsShown()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var workspace = await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Quota"), ct);
        (await admin.SetStorageQuotaAsync(workspace.Id, 10_000, ct)).QuotaBytes.ShouldBe(10_000);
        var error = await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("big.zip", 20_000), ct).ShouldFailWith(HttpStatusCode.Conflict);
        error.Problem!.Title.ShouldBe("Storage quota exceeded.");
        await admin.UploadAsync(workspace.Id, new MemoryStream(new byte[4000]), "small.bin", ct: ct);
        (await admin.GetStorageAsync(workspace.Id, ct)).UsedBytes.ShouldBe(4000);
        (await admin.SetStorageQuotaAsync(workspace.Id, 0, ct)).QuotaBytes.ShouldBe(0); // no limit
        await admin.CreateUploadAsync(workspace.Id, new CreateUploadRequest("huge.zip", 1L << 40), ct);
        (await admin.SetStorageQuotaAsync(workspace.Id, null, ct)).QuotaBytes.ShouldBe(100L << 30); // back to the default

        var (owner, own) = await app.NewOwnerAsync();
        await owner.SetStorageQuotaAsync(own.Id, 1, ct).ShouldFailWith(HttpStatusCode.Forbidden);
    }
}
