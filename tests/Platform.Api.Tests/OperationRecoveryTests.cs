using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Jobs.Operations;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>Cancel, failure and recovery paths of operations, driven through test-only operation kinds and the reconciler.</summary>
public abstract class OperationRecoveryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    private const string DeadJobId = "999999999";

    [Fact]
    public async Task ARunningOperationCancelledThroughTheApiEndsCancelledAndStaysCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, workspaceId, userId) = await NewOwnerAsync();
        var id = await StartAsync(workspaceId, userId, TestOperations.Block, ct);
        await WaitForStateAsync(client, workspaceId, id, OperationState.Running, ct);

        (await client.CancelOperationAsync(workspaceId, id, ct)).State.ShouldBe(OperationState.Cancelled);

        var jobId = (await FindAsync(id, ct)).JobId!;
        await WaitForJobStateAsync(jobId, "Succeeded", ct);
        await Reconciler.ReconcileAsync(ct);
        var after = await client.GetOperationAsync(workspaceId, id, ct);
        after.State.ShouldBe(OperationState.Cancelled);
        after.Message.ShouldBe("Cancelled.");
        after.FinishedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task AHandlerThatFinishesAfterTheUserCancelledDoesNotOverwriteTheCancel()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, workspaceId, userId) = await NewOwnerAsync();
        var id = await StartAsync(workspaceId, userId, TestOperations.FinishLate, ct);
        await WaitForStateAsync(client, workspaceId, id, OperationState.Running, ct);
        (await client.CancelOperationAsync(workspaceId, id, ct)).State.ShouldBe(OperationState.Cancelled);

        // The handler returns success after the cancel was saved, as one finishing inside the cancel-poll window does.
        TestOperations.Finish(id);
        await WaitForJobStateAsync((await FindAsync(id, ct)).JobId!, "Succeeded", ct);
        var after = await client.GetOperationAsync(workspaceId, id, ct);
        (after.State, after.Message).ShouldBe((OperationState.Cancelled, "Cancelled."));
    }

    [Fact]
    public async Task ARunningOperationWhoseJobIsGoneIsReconciledAndSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, workspaceId, userId) = await NewOwnerAsync();
        var id = await AddRunningWithDeadJobAsync(workspaceId, userId, ct);

        await Reconciler.ReconcileAsync(ct);

        var done = await Wait.ForOperationAsync(client, workspaceId, id, ct);
        done.State.ShouldBe(OperationState.Succeeded, done.Message);
        var row = await FindAsync(id, ct);
        row.JobId.ShouldNotBe(DeadJobId);
        row.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task TheReconcilerSkipsItsRoundWhileAnotherProcessHoldsTheLock()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, workspaceId, userId) = await NewOwnerAsync();
        var storage = app.Services.GetRequiredService<JobStorage>();
        Guid id;
        using (var otherProcess = storage.GetConnection())
        using (otherProcess.AcquireDistributedLock(OperationReconciler.LockResource, TimeSpan.FromSeconds(10)))
        {
            id = await AddRunningWithDeadJobAsync(workspaceId, userId, ct);
            (await Reconciler.ReconcileAsync(ct)).ShouldBeNull();
            var untouched = await FindAsync(id, ct);
            untouched.State.ShouldBe(OperationState.Running);
            untouched.JobId.ShouldBe(DeadJobId);
        }

        (await Reconciler.ReconcileAsync(ct)).ShouldNotBeNull();
        (await Wait.ForOperationAsync(client, workspaceId, id, ct)).State.ShouldBe(OperationState.Succeeded);
    }

    [Fact]
    public async Task AFailureMessageLongerThanItsColumnIsShortenedWithAnEllipsis()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, workspaceId, userId) = await NewOwnerAsync();
        var id = await StartAsync(workspaceId, userId, TestOperations.FailLong, ct);
        var done = await Wait.ForOperationAsync(client, workspaceId, id, ct);
        done.State.ShouldBe(OperationState.Failed);
        done.Message!.Length.ShouldBe(OperationFailures.MaxMessageLength);
        done.Message.ShouldEndWith("…");
        done.Message.ShouldStartWith("xxxx");
    }

    [Fact]
    public async Task AUserErrorIsLoggedAsAWarningWithoutAStackTraceAndABugAsAnError()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, workspaceId, userId) = await NewOwnerAsync();
        var userError = await StartAsync(workspaceId, userId, TestOperations.FailAsUserError, ct);
        var bug = await StartAsync(workspaceId, userId, TestOperations.FailLong, ct);
        (await Wait.ForOperationAsync(client, workspaceId, userError, ct)).Message.ShouldBe("The upload holds no images.");
        await Wait.ForOperationAsync(client, workspaceId, bug, ct);

        var userEntry = JobLogFor(userError);
        userEntry.Level.ShouldBe(LogLevel.Warning);
        userEntry.Exception.ShouldBeNull();
        userEntry.Message.ShouldContain("The upload holds no images.");
        var bugEntry = JobLogFor(bug);
        bugEntry.Level.ShouldBe(LogLevel.Error);
        bugEntry.Exception.ShouldBeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task AJobThatFailsInsideHangfireIsNotRetried()
    {
        var ct = TestContext.Current.CancellationToken;
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        var jobId = jobs.Enqueue(OperationQueues.Default, () => ThrowingJob.Run());
        var state = await WaitForJobStateAsync(jobId, "Failed", ct);
        state.ShouldBe("Failed");
    }

    private OperationReconciler Reconciler => app.Services.GetRequiredService<OperationReconciler>();

    private LogRecorder.Entry JobLogFor(Guid id) =>
        app.Logs.Entries.Where(e => e.Category == typeof(OperationJob).FullName && e.Message.Contains(id.ToString())).ShouldHaveSingleItem();

    private async Task<(PlatformClient Client, Guid WorkspaceId, Guid UserId)> NewOwnerAsync()
    {
        var (client, user) = await app.NewUserAsync("recovery");
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest($"Recovery {Guid.NewGuid():N}"[..20]));
        return (client, workspace.Id, user.Id);
    }

    /// <summary>Starts an operation the way the API does (row, then job), for kinds that only test hosts have.</summary>
    private async Task<Guid> StartAsync(Guid workspaceId, Guid userId, string kind, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var starter = scope.ServiceProvider.GetRequiredService<Platform.Api.Infrastructure.OperationStarter>();
        var member = new Platform.Api.Auth.WorkspaceMember(workspaceId, userId, WorkspaceRole.Owner, IsArchived: false);
        return (await starter.StartAsync(member, kind, null, null, ct)).Id;
    }

    /// <summary>A system check recorded as Running on a worker that died with its job.</summary>
    private async Task<Guid> AddRunningWithDeadJobAsync(Guid workspaceId, Guid userId, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var now = DateTimeOffset.UtcNow;
        var operation = new Operation(workspaceId, OperationKinds.SystemCheck, userId, now.AddMinutes(-5));
        operation.Start("a-worker-that-died", now.AddMinutes(-4));
        operation.AssignJob(DeadJobId);
        db.Operations.Add(operation);
        await db.SaveChangesAsync(ct);
        return operation.Id;
    }

    private async Task<Operation> FindAsync(Guid id, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Operations.AsNoTracking().SingleAsync(o => o.Id == id, ct);
    }

    private static async Task WaitForStateAsync(PlatformClient client, Guid workspaceId, Guid id, OperationState state, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetOperationAsync(workspaceId, id, ct)).State != state)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Operation {id} never became {state}.");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Waits until the Hangfire job reaches <paramref name="expected"/> or a later state, and returns that state.</summary>
    private async Task<string> WaitForJobStateAsync(string jobId, string expected, CancellationToken ct)
    {
        string[] settled = [expected, "Succeeded", "Failed", "Scheduled", "Deleted"];
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = connection.GetJobData(jobId)?.State;
            if (state is not null && settled.Contains(state)) return state;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Job {jobId} is still {state ?? "unknown"}.");
            await Task.Delay(100, ct);
        }
    }
}

/// <summary>A Hangfire job that always throws, as a job does when its database is gone.</summary>
public static class ThrowingJob
{
    public static void Run() => throw new InvalidOperationException("The database is gone.");
}
