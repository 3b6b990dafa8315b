using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Tracking;

/// <summary>An open run page hears about metrics and status changes logged through MLflow, pushed, not polled.</summary>
public abstract class MlflowLiveTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task LoggedMetricsAndStatusChangesArePushedToTheRunsGroup()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var runId = Guid.Parse(await mlflow.CreateRunAsync(await mlflow.CreateExperimentAsync("live", ct), ct));
        var token = await owner.CreateTokenAsync(new CreateApiTokenRequest("live", 1, workspace.Id), ct);
        await using var live = await ConnectAsync(token.Secret, ct);
        var received = new List<LiveEventDto>();
        live.Received += e => { lock (received) received.Add(e); };
        await live.JoinResourceAsync(workspace.Id, runId.ToString(), ct);

        await mlflow.OkAsync("runs/log-batch", new { run_id = runId.ToString("N"), metrics = new[] { new { key = "loss", value = 1.0, timestamp = 1L, step = 0 } } }, ct);
        await mlflow.OkAsync("runs/update", new { run_id = runId.ToString("N"), status = "FINISHED" }, ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !Has(received, LiveEvents.RunChanged)) await Task.Delay(50, ct);
        lock (received)
        {
            received.ShouldContain(e => e.Type == LiveEvents.RunMetrics && e.ResourceId == runId.ToString() && e.WorkspaceId == workspace.Id);
            received.ShouldContain(e => e.Type == LiveEvents.RunChanged && e.ResourceId == runId.ToString() && e.Message == nameof(RunStatus.Succeeded));
        }
    }

    [Fact]
    public async Task AWorkspaceTokenCannotJoinAnotherWorkspacesEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, first) = await app.NewOwnerAsync();
        var second = await owner.CreateWorkspaceAsync(new CreateWorkspaceRequest("Other"), ct);
        var token = await owner.CreateTokenAsync(new CreateApiTokenRequest("first", 1, first.Id), ct);
        await using var live = await ConnectAsync(token.Secret, ct);
        await live.JoinWorkspaceAsync(first.Id, ct);
        (await Should.ThrowAsync<HubException>(live.JoinWorkspaceAsync(second.Id, ct))).Message.ShouldContain("not found");
    }

    private static bool Has(List<LiveEventDto> received, string type)
    {
        lock (received) return received.Any(e => e.Type == type);
    }

    private async Task<LiveEventsClient> ConnectAsync(string secret, CancellationToken ct)
    {
        var live = new LiveEventsClient(app.Server.BaseAddress, o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(secret);
        });
        await live.StartAsync(ct);
        return live;
    }
}
