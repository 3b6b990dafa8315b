using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class LiveEventTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AMemberReceivesTheWorkspacesEventsLive()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        await using var live = await ConnectAsync(owner, ct);
        var received = new TaskCompletionSource<LiveEventDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Received += e => { if (e.Type == LiveEvents.TestEvent) received.TrySetResult(e); };
        await live.JoinWorkspaceAsync(workspace.Id, ct);

        await owner.SendTestEventAsync(workspace.Id, "hello from the test", ct);
        var e = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        e.Message.ShouldBe("hello from the test");
        e.WorkspaceId.ShouldBe(workspace.Id);
    }

    [Fact]
    public async Task OperationProgressArrivesLive()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        await using var live = await ConnectAsync(owner, ct);
        var states = new List<string>();
        var finished = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Received += e =>
        {
            if (e.Type != LiveEvents.OperationChanged) return;
            lock (states) states.Add(e.Message!);
            if (e.Message!.EndsWith("Succeeded") || e.Message.EndsWith("Failed")) finished.TrySetResult(e.Message);
        };
        await live.JoinWorkspaceAsync(workspace.Id, ct);
        var operation = await owner.StartSystemCheckAsync(workspace.Id, ct);
        string last;
        try { last = await finished.Task.WaitAsync(TimeSpan.FromSeconds(30), ct); }
        catch (TimeoutException)
        {
            var now = await owner.GetOperationAsync(workspace.Id, operation.Id, ct);
            var jobs = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Hangfire.JobStorage>(app.Services).GetMonitoringApi();
            var stats = jobs.GetStatistics();
            var servers = string.Join(";", jobs.Servers().Select(x => $"{x.Name} q={string.Join('/', x.Queues)} w={x.WorkersCount} hb={x.Heartbeat:O}"));
            var queues = string.Join(";", jobs.Queues().Select(q => $"{q.Name}={q.Length}"));
            var failedJobs = string.Join(";", jobs.FailedJobs(0, 5).Select(f => f.Value.ExceptionMessage));
            lock (states) throw new TimeoutException($"No final event; operation is {now.State} ({now.Message}); events: {string.Join(", ", states)}; connection {live.State}; " +
                $"hangfire enqueued={stats.Enqueued} processing={stats.Processing} succeeded={stats.Succeeded} failed={stats.Failed} servers=[{servers}] queues=[{queues}] failures=[{failedJobs}]");
        }
        last.ShouldBe("system-check: Succeeded", (await owner.GetOperationAsync(workspace.Id, operation.Id, ct)).Message);
        lock (states) states.ShouldContain("system-check: Running");
    }

    [Fact]
    public async Task AResourceGroupReceivesOnlyThatResourcesEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var watched = await owner.StartSystemCheckAsync(workspace.Id, ct);
        await Wait.ForOperationAsync(owner, workspace.Id, watched.Id, ct);
        await using var live = await ConnectAsync(owner, ct);
        var received = new List<LiveEventDto>();
        // Events for everyone signed in (worker heartbeats) are not the workspace's; count only the workspace's.
        live.Received += e => { if (e.WorkspaceId is not null) lock (received) received.Add(e); };
        await live.JoinResourceAsync(workspace.Id, watched.Id.ToString(), ct);

        var other = await owner.StartSystemCheckAsync(workspace.Id, ct);
        await Wait.ForOperationAsync(owner, workspace.Id, other.Id, ct);
        await owner.CancelOperationAsync(workspace.Id, watched.Id, ct).ShouldFailWith(System.Net.HttpStatusCode.Conflict);
        await owner.SendTestEventAsync(workspace.Id, "not for a resource group", ct);
        await Task.Delay(500, ct);
        lock (received) received.ShouldBeEmpty();

        // An operation joined only after it started may finish before the join: then another one is started and joined.
        var joined = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var third = await owner.StartSystemCheckAsync(workspace.Id, ct);
            await live.JoinResourceAsync(workspace.Id, third.Id.ToString(), ct);
            joined.Add(third.Id.ToString());
            var finishedBeforeJoin = (await owner.GetOperationAsync(workspace.Id, third.Id, ct)).State == OperationState.Succeeded;
            await Wait.ForOperationAsync(owner, workspace.Id, third.Id, ct);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !HasFinal(received, third.Id)) await Task.Delay(50, ct);
            if (HasFinal(received, third.Id)) break;
            finishedBeforeJoin.ShouldBeTrue("a joined operation that finished after the join must send its final event");
        }
        lock (received) received.ShouldAllBe(e => joined.Contains(e.ResourceId!));
        joined.Any(id => HasFinal(received, Guid.Parse(id))).ShouldBeTrue();
    }

    private static bool HasFinal(List<LiveEventDto> received, Guid id)
    {
        lock (received) return received.Any(e => e.ResourceId == id.ToString() && e.Message!.EndsWith("Succeeded"));
    }

    [Fact]
    public async Task AStrangerCannotJoinAWorkspaceGroup()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, workspace) = await app.NewOwnerAsync();
        var (stranger, _) = await app.NewUserAsync("eavesdropper");
        await using var live = await ConnectAsync(stranger, ct);
        var error = await Should.ThrowAsync<HubException>(live.JoinWorkspaceAsync(workspace.Id, ct));
        error.Message.ShouldContain("not found");
        var resourceError = await Should.ThrowAsync<HubException>(live.JoinResourceAsync(workspace.Id, Guid.NewGuid().ToString(), ct));
        resourceError.Message.ShouldContain("not found");
    }

    private async Task<LiveEventsClient> ConnectAsync(PlatformClient client, CancellationToken ct)
    {
        var token = await client.CreateTokenAsync(new CreateApiTokenRequest("live", 1), ct);
        var live = new LiveEventsClient(app.Server.BaseAddress, o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token.Secret);
        });
        await live.StartAsync(ct);
        return live;
    }
}
