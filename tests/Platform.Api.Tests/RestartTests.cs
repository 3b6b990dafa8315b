using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Work recorded as Queued survives a restart: the reconciler re-enqueues it even though in-memory job storage forgot it.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task QueuedWorkIsPickedUpAfterARestartOnSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("platform-restart-").FullName;
        try { await QueuedWorkSurvivesARestartAsync(DatabaseProvider.Sqlite, folder, null); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task QueuedWorkIsPickedUpAfterARestartOnPostgres()
    {
        var folder = Directory.CreateTempSubdirectory("platform-restart-").FullName;
        await using var database = await PostgresDatabase.CreateAsync(TestContext.Current.CancellationToken);
        try { await QueuedWorkSurvivesARestartAsync(DatabaseProvider.Postgres, folder, database); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task QueuedWorkSurvivesARestartAsync(DatabaseProvider provider, string folder, PostgresDatabase? database)
    {
        var ct = TestContext.Current.CancellationToken;
        Guid workspaceId, operationId;
        string token;
        // First life: the API only, no worker, so the work stays Queued when the process stops.
        await using (var first = new PlatformApp(provider, "api", folder, database))
        {
            await first.InitializeAsync();
            var admin = await first.AdminAsync();
            var workspace = await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Restart"), ct);
            var operation = await admin.StartSystemCheckAsync(workspace.Id, ct);
            token = (await admin.CreateTokenAsync(new CreateApiTokenRequest("restart", 1), ct)).Secret;
            await Task.Delay(500, ct);
            (await admin.GetOperationAsync(workspace.Id, operation.Id, ct)).State.ShouldBe(OperationState.Queued);
            (workspaceId, operationId) = (workspace.Id, operation.Id);
        }

        // Second life: a worker starts and finds the queued work.
        await using var second = new PlatformApp(provider, "api,worker", folder, database);
        await second.InitializeAsync();
        var client = new PlatformClient(second.CreateClient());
        client.UseToken(token);
        var done = await Wait.ForOperationAsync(client, workspaceId, operationId, ct);
        done.State.ShouldBe(OperationState.Succeeded, done.Message);
    }
}
