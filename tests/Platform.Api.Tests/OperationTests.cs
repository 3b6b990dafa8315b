using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class OperationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ASystemCheckRunsOnTheWorkerAndSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var started = await owner.StartSystemCheckAsync(workspace.Id, ct);
        started.State.ShouldBe(OperationState.Queued);
        var done = await Wait.ForOperationAsync(owner, workspace.Id, started.Id, ct);
        done.State.ShouldBe(OperationState.Succeeded, done.Message);
        done.Progress.ShouldBe(1);
        done.WorkerName.ShouldNotBeNullOrEmpty();
        done.Message!.ShouldContain("healthy");
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Platform.Storage.Objects.IObjectStore>(app.Services);
        store.GetType().Name.ShouldBe(app is ProductionApp ? "S3ObjectStore" : "FolderObjectStore");
        (await owner.ListOperationsAsync(workspace.Id, ct: ct)).Items.ShouldHaveSingleItem().Id.ShouldBe(started.Id);
    }

    [Fact]
    public async Task AFinishedOperationCannotBeCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var started = await owner.StartSystemCheckAsync(workspace.Id, ct);
        await Wait.ForOperationAsync(owner, workspace.Id, started.Id, ct);
        var error = await owner.CancelOperationAsync(workspace.Id, started.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
        error.Problem!.Detail!.ShouldContain("cannot be cancelled");
    }

    [Fact]
    public async Task ViewersCannotStartWork()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (viewer, user) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewer, workspace.Id, user.Email, WorkspaceRole.Viewer, ct);
        await viewer.StartSystemCheckAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        (await viewer.ListOperationsAsync(workspace.Id, ct: ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheInProcessWorkerIsListedOnline()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.NewUserAsync("watcher");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        WorkerDto? worker = null;
        while (worker is null && DateTime.UtcNow < deadline)
        {
            worker = (await client.ListWorkersAsync(ct: ct)).Items.FirstOrDefault(w => w.IsOnline);
            if (worker is null) await Task.Delay(200, ct);
        }
        worker.ShouldNotBeNull();
        worker.Queues.ShouldBe(["default", "cpu"]);
        worker.CpuCount.ShouldBe(Environment.ProcessorCount);
        worker.MemoryBytes.ShouldBeGreaterThan(0);
    }
}

public static class Wait
{
    public static async Task<OperationDto> ForOperationAsync(PlatformClient client, Guid workspaceId, Guid id, CancellationToken ct, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var operation = await client.GetOperationAsync(workspaceId, id, ct);
            if (operation.State is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled) return operation;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Operation still {operation.State} after {seconds} s: {operation.Message}");
            await Task.Delay(100, ct);
        }
    }
}
