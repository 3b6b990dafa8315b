using System.Security.Cryptography;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>An upload cut off by a server restart resumes where the server stopped, and the file arrives whole.</summary>
public sealed class UploadRestartTests
{
    [Fact]
    public async Task AnUploadResumesAfterTheServerRestartsOnSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("platform-upload-restart-").FullName;
        try { await UploadSurvivesARestartAsync(DatabaseProvider.Sqlite, folder, null); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task AnUploadResumesAfterTheServerRestartsOnPostgres()
    {
        var folder = Directory.CreateTempSubdirectory("platform-upload-restart-").FullName;
        await using var database = await PostgresDatabase.CreateAsync(TestContext.Current.CancellationToken);
        try { await UploadSurvivesARestartAsync(DatabaseProvider.Postgres, folder, database); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task UploadSurvivesARestartAsync(DatabaseProvider provider, string folder, PostgresDatabase? database)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 777);
        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        Guid workspaceId, uploadId;
        string token;
        await using (var first = new PlatformApp(provider, "api,worker", folder, database))
        {
            await first.InitializeAsync();
            var admin = await first.AdminAsync();
            workspaceId = (await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Uploads"), ct)).Id;
            token = (await admin.CreateTokenAsync(new CreateApiTokenRequest("upload", 1), ct)).Secret;
            var upload = await admin.CreateUploadAsync(workspaceId, new CreateUploadRequest("data.bin", data.Length, sha), ct);
            await admin.SendChunkAsync(workspaceId, upload.Id, 0, data.AsMemory(0, 1024 * 1024), ct);
            uploadId = upload.Id;
        }

        // The server went away mid-transfer; a new process knows how far the upload got and takes the rest.
        await using var second = new PlatformApp(provider, "api,worker", folder, database);
        await second.InitializeAsync();
        var client = new PlatformClient(second.CreateClient());
        client.UseToken(token);
        (await client.GetUploadAsync(workspaceId, uploadId, ct)).ReceivedBytes.ShouldBe(1024 * 1024);
        var done = await client.UploadAsync(workspaceId, new MemoryStream(data), "data.bin", resumeId: uploadId, chunkBytes: 512 * 1024, ct: ct);
        done.State.ShouldBe(UploadState.Complete);
        done.Sha256.ShouldBe(sha);
    }
}
