using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Tracking;

/// <summary>The tracking API for code that runs elsewhere, driven with a workspace token as a script would.</summary>
public abstract class TrackingApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    private static Dictionary<string, string> Pairs(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task ARunIsCreatedLoggedInBatchesOfTenThousandPointsAndEnded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var script = await TrackingHttp.ScriptAsync(app, owner, ws, ct);
        var experiment = await script.CreateExperimentAsync(ws, new CreateExperimentRequest("remote"), ct);

        var run = await script.CreateTrackedRunAsync(ws, experiment.Id,
            new CreateTrackedRunRequest("resnet", Pairs(("lr", "0.1")), Pairs(("team", "vision"))), ct);
        run.Source.ShouldBe(RunSource.Tracking);
        run.Status.ShouldBe(RunStatus.Running);
        run.Name.ShouldBe("resnet");
        run.ExperimentId.ShouldBe(experiment.Id);
        (await script.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest(), ct)).Name.ShouldStartWith("run-");

        var points = Enumerable.Range(0, 5000).SelectMany(step => new[]
        {
            new MetricValueDto("loss", step == 10 ? double.NaN : 1.0 / (step + 1), step, 1_700_000_000_000L + step),
            new MetricValueDto("acc", step switch { 20 => double.PositiveInfinity, 21 => double.NegativeInfinity, _ => step / 5000.0 }, step, Epoch: step / 500),
        }).ToList();
        points.Count.ShouldBe(10_000);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await script.LogBatchAsync(ws, run.Id, new LogBatchRequest(points, Pairs(("batch_size", "64")), Pairs(("stage", "train"))), ct);

        var metrics = await script.GetRunMetricsAsync(ws, run.Id, maxPoints: 10_000, ct: ct);
        metrics.Series.Select(s => (s.Name, s.TotalPoints, s.Downsampled)).ShouldBe([("acc", 5000, false), ("loss", 5000, false)]);
        var loss = metrics.Series.Single(s => s.Name == "loss").Points;
        var acc = metrics.Series.Single(s => s.Name == "acc").Points;
        loss.Select(p => p.Step).ShouldBe(Enumerable.Range(0, 5000).Select(i => (long)i));
        double.IsNaN(loss[10].Value).ShouldBeTrue();
        loss[4999].Value.ShouldBe(1.0 / 5000);
        loss[7].Timestamp.ShouldBe(1_700_000_000_007L);
        acc[20].Value.ShouldBe(double.PositiveInfinity);
        acc[21].Value.ShouldBe(double.NegativeInfinity);
        acc[4999].Epoch.ShouldBe(9);
        acc[0].Timestamp.ShouldBeGreaterThanOrEqualTo(before, "a point without a timestamp gets the time it arrived");

        // An ordinary run of the experiment: its table row, and MLflow's view of it.
        var row = (await owner.ListRunsAsync(ws, experiment.Id, sort: "name", ct: ct)).Items.Single(r => r.Id == run.Id);
        row.Params.ShouldBe(Pairs(("batch_size", "64"), ("lr", "0.1")), ignoreOrder: true);
        row.Metrics["loss"].ShouldBe(1.0 / 5000);
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, ws, ct);
        var mlflowRun = (await mlflow.OkGetAsync($"runs/get?run_id={run.Id:N}", ct))["run"]!["data"]!;
        mlflowRun["tags"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()).ShouldBe(["stage", "team"], ignoreOrder: true);

        // Params are set once: the same value again is fine, another one is a conflict that writes nothing.
        await script.LogBatchAsync(ws, run.Id, new LogBatchRequest(Params: Pairs(("lr", "0.1"))), ct);
        await script.LogBatchAsync(ws, run.Id, new LogBatchRequest([new MetricValueDto("loss", 9, 9999)], Pairs(("lr", "0.2"))), ct)
            .ShouldFailWith(HttpStatusCode.Conflict);
        (await script.GetRunMetricsAsync(ws, run.Id, name: "loss", fromStep: 9999, ct: ct)).Series.ShouldBeEmpty();

        await script.EndRunAsync(ws, run.Id, new EndRunRequest(RunStatus.Running), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var ended = await script.EndRunAsync(ws, run.Id, new EndRunRequest(RunStatus.Failed, "CUDA out of memory"), ct);
        ended.Status.ShouldBe(RunStatus.Failed);
        ended.Message.ShouldBe("CUDA out of memory");
        ended.FinishedAt.ShouldNotBeNull();
        await script.EndRunAsync(ws, run.Id, new EndRunRequest(RunStatus.Succeeded), ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await owner.GetRunAsync(ws, run.Id, ct)).Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public async Task BadBatchesAreRefusedAsProblemsAndWriteNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var script = await TrackingHttp.ScriptAsync(app, owner, ws, ct);
        var experiment = await script.CreateExperimentAsync(ws, new CreateExperimentRequest("hostile"), ct);
        var run = await script.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest("target"), ct);
        var url = $"api/workspaces/{ws}/runs/{run.Id}/batch";

        (await script.PostJsonAsync(url, $$"""{"metrics": [{"key": "{{new string('k', 10 * 1024 * 1024)}}", "value": 1}]}""", ct))
            .ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await script.PostJsonAsync(url, $$"""{"metrics": [{"key": "{{new string('k', 251)}}", "value": 1}]}""", ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ShouldContainKey("metrics[0].key");
        var text = await script.PostJsonAsync(url, """{"metrics": [{"key": "loss", "value": "very low"}]}""", ct);
        text.ShouldBeProblem(HttpStatusCode.BadRequest);
        text.Body!["detail"]!.GetValue<string>().ShouldContain("$.metrics[0].value");
        (await script.PostJsonAsync(url, """{"metrics": [{"key": "loss", "value": 1, "step": "first"}]}""", ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await script.PostJsonAsync(url, """{"metrics": [{"key": "loss"}]}""", ct)).ShouldBeProblem(HttpStatusCode.BadRequest).ShouldContainKey("metrics[0].value");
        (await script.PostJsonAsync(url, """{"metrics": [{"key": "../escape", "value": 1}]}""", ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await script.PostJsonAsync(url, """{"params": {"lr": 0.1}}""", ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await script.PostJsonAsync(url, """{"metrics": [{"key": "loss", "value": 1, "timestamp": -5}]}""", ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await script.PostJsonAsync(url, "{\"metrics\": [", ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        var tooMany = Enumerable.Range(0, TrackingLimits.MaxMetricsPerBatch + 1).Select(i => new MetricValueDto("loss", 1, i)).ToList();
        (await script.LogBatchAsync(ws, run.Id, new LogBatchRequest(tooMany), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .Problem!.Errors!.ShouldContainKey("metrics");
        // One bad point at the end of a full batch refuses all of it, params and tags included.
        var lastBad = tooMany.Take(TrackingLimits.MaxMetricsPerBatch - 1).Append(new MetricValueDto("bad key?", 1, 0)).ToList();
        await script.LogBatchAsync(ws, run.Id, new LogBatchRequest(lastBad, Pairs(("lr", "0.1")), Pairs(("team", "a"))), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest);
        await script.LogBatchAsync(ws, run.Id, new LogBatchRequest(tooMany[..10], Tags: Pairs(("long", new string('v', 8001)))), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest);

        (await script.GetRunMetricsAsync(ws, run.Id, ct: ct)).Series.ShouldBeEmpty();
        var row = (await owner.ListRunsAsync(ws, experiment.Id, ct: ct)).Items.Single();
        row.Params.ShouldBeEmpty();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, ws, ct);
        var data = (await mlflow.OkGetAsync($"runs/get?run_id={run.Id:N}", ct))["run"]!["data"]!;
        data["tags"].ShouldBeNull();
    }

    [Fact]
    public async Task LoggedPointsAndTheEndArePushedToAnOpenRunPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var experiment = await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest("live"), ct);
        var run = await owner.CreateTrackedRunAsync(workspace.Id, experiment.Id, new CreateTrackedRunRequest(), ct);
        var token = await owner.CreateTokenAsync(new CreateApiTokenRequest("live", 1, workspace.Id), ct);
        await using var live = new LiveEventsClient(app.Server.BaseAddress, o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token.Secret);
        });
        await live.StartAsync(ct);
        var received = new List<LiveEventDto>();
        live.Received += e => { lock (received) received.Add(e); };
        await live.JoinResourceAsync(workspace.Id, run.Id.ToString(), ct);

        await owner.LogBatchAsync(workspace.Id, run.Id, new LogBatchRequest([new MetricValueDto("loss", 1, 0)]), ct);
        await owner.EndRunAsync(workspace.Id, run.Id, new EndRunRequest(RunStatus.Succeeded), ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (received) if (received.Any(e => e.Type == LiveEvents.RunChanged)) break;
            await Task.Delay(50, ct);
        }
        lock (received)
        {
            received.ShouldContain(e => e.Type == LiveEvents.RunMetrics && e.ResourceId == run.Id.ToString());
            received.ShouldContain(e => e.Type == LiveEvents.RunChanged && e.Message == nameof(RunStatus.Succeeded));
        }
    }

    [Fact]
    public async Task StrangersFindNothingAndViewersCannotLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var experiment = await owner.CreateExperimentAsync(ws, new CreateExperimentRequest("private"), ct);
        var run = await owner.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest("mine"), ct);
        var batch = new LogBatchRequest([new MetricValueDto("loss", 1, 0)]);

        var (strangerOwner, strangerWorkspace) = await app.NewOwnerAsync("stranger");
        var stranger = await TrackingHttp.ScriptAsync(app, strangerOwner, strangerWorkspace.Id, ct);
        await stranger.LogBatchAsync(strangerWorkspace.Id, run.Id, batch, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.EndRunAsync(strangerWorkspace.Id, run.Id, new EndRunRequest(RunStatus.Cancelled), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.CreateTrackedRunAsync(strangerWorkspace.Id, experiment.Id, new CreateTrackedRunRequest(), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.LogBatchAsync(ws, run.Id, batch, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest(), ct).ShouldFailWith(HttpStatusCode.NotFound);
        // The owner's token for another workspace reaches nothing here either.
        var other = await owner.CreateWorkspaceAsync(new CreateWorkspaceRequest("Other"), ct);
        var otherScript = await TrackingHttp.ScriptAsync(app, owner, other.Id, ct);
        await otherScript.LogBatchAsync(ws, run.Id, batch, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await otherScript.LogBatchAsync(other.Id, run.Id, batch, ct).ShouldFailWith(HttpStatusCode.NotFound);

        var (viewerClient, viewerUser) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewerClient, ws, viewerUser.Email, WorkspaceRole.Viewer, ct);
        var viewer = await TrackingHttp.ScriptAsync(app, viewerClient, ws, ct);
        (await viewer.GetRunAsync(ws, run.Id, ct)).Name.ShouldBe("mine");
        await viewer.LogBatchAsync(ws, run.Id, batch, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest(), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.EndRunAsync(ws, run.Id, new EndRunRequest(RunStatus.Cancelled), ct).ShouldFailWith(HttpStatusCode.Forbidden);

        (await owner.GetRunMetricsAsync(ws, run.Id, ct: ct)).Series.ShouldBeEmpty();
        (await owner.GetRunAsync(ws, run.Id, ct)).Status.ShouldBe(RunStatus.Running);
        (await owner.ListRunsAsync(ws, experiment.Id, ct: ct)).Items.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DeletedExperimentsAndRunsTakeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var experiment = await owner.CreateExperimentAsync(ws, new CreateExperimentRequest("gone"), ct);
        var run = await owner.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest(), ct);
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, ws, ct);
        await mlflow.OkAsync("runs/delete", new { run_id = run.Id.ToString("N") }, ct);
        await owner.LogBatchAsync(ws, run.Id, new LogBatchRequest([new MetricValueDto("loss", 1, 0)]), ct).ShouldFailWith(HttpStatusCode.Conflict);

        await owner.DeleteExperimentAsync(ws, experiment.Id, ct);
        await owner.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest(), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await owner.CreateTrackedRunAsync(ws, Guid.NewGuid(), new CreateTrackedRunRequest(), ct).ShouldFailWith(HttpStatusCode.NotFound);
    }
}
