using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Tracking;

/// <summary>Hostile and wrong input, strangers and roles on the MLflow routes; workspace tokens everywhere.</summary>
public abstract class MlflowSafetyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task BadInputIsRefusedInMlflowsShapeAndNothingIsHalfWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var runId = await mlflow.CreateRunAsync(await mlflow.CreateExperimentAsync("hostile", ct), ct);

        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = new string('k', 10 * 1024 * 1024), value = 1.0, timestamp = 1L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = new string('k', 251), value = 1.0, timestamp = 1L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = "very low", timestamp = 1L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0, timestamp = "yesterday" }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0 }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "../escape", value = 1.0, timestamp = 1L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostRawAsync("runs/log-metric", "{\"run_id\": ", ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostRawAsync("experiments/create", "[1, 2]", ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("experiments/create", new { name = 42 }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/log-parameter", new { run_id = runId, key = "long", value = new string('v', 6001) }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.GetAsync("experiments/search?max_results=many", ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        // A batch with one bad point writes none of its points, params or tags.
        var metrics = Enumerable.Range(0, 999).Select(i => new { key = "loss", value = (object)1.0, timestamp = (object)1L, step = i })
            .Append(new { key = "loss", value = (object)"oops", timestamp = (object)1L, step = 999 }).ToArray();
        (await mlflow.PostAsync("runs/log-batch", new { run_id = runId, metrics, @params = new[] { new { key = "p", value = "1" } } }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var tooMany = Enumerable.Range(0, 1001).Select(i => new { key = "loss", value = 1.0, timestamp = 1L, step = i }).ToArray();
        (await mlflow.PostAsync("runs/log-batch", new { run_id = runId, metrics = tooMany }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var badTagLast = new[] { new { key = "ok", value = "1" }, new { key = "bad key?", value = "2" } };
        (await mlflow.PostAsync("runs/log-batch", new { run_id = runId, metrics = tooMany[..10], tags = badTagLast }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var run = (await mlflow.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!;
        run["data"]!["metrics"].ShouldBeNull();
        run["data"]!["params"].ShouldBeNull();
        run["data"]!["tags"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()).ShouldBe(["mlflow.runName"]);

        (await mlflow.GetAsync($"runs/get?run_id={Guid.NewGuid():N}", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await mlflow.GetAsync("runs/get?run_id=not-a-run", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await mlflow.PostAsync("runs/log-batch", new { run_id = Guid.NewGuid().ToString("N") }, ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await mlflow.GetAsync("experiments/get?experiment_id=123", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await mlflow.GetAsync("runs/frobnicate", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
    }

    [Fact]
    public async Task AStrangersTokenFindsNothingAndNoTokenIsUnauthenticated()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var experiment = await mlflow.CreateExperimentAsync("private", ct);
        var runId = await mlflow.CreateRunAsync(experiment, ct);

        var (strangerClient, strangerWorkspace) = await app.NewOwnerAsync("stranger");
        var stranger = await MlflowHttp.ForWorkspaceAsync(app, strangerClient, strangerWorkspace.Id, ct);
        (await stranger.GetAsync($"runs/get?run_id={runId}", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await stranger.GetAsync($"experiments/get?experiment_id={experiment}", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await stranger.GetAsync("experiments/get-by-name?experiment_name=private", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await stranger.PostAsync("runs/log-metric", new { run_id = runId, key = "x", value = 1.0, timestamp = 1L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await stranger.OkAsync("runs/search", new { experiment_ids = new[] { experiment } }, ct))["runs"].ShouldBeNull();

        (await MlflowHttp.WithToken(app, null).GetAsync($"runs/get?run_id={runId}", ct)).ShouldBeMlflowError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        (await MlflowHttp.WithToken(app, "plat_" + new string('0', 64)).GetAsync($"runs/get?run_id={runId}", ct))
            .ShouldBeMlflowError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task AViewerReadsButCannotLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var runId = await mlflow.CreateRunAsync(await mlflow.CreateExperimentAsync("shared", ct), ct);
        var (viewerClient, viewerUser) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewerClient, workspace.Id, viewerUser.Email, WorkspaceRole.Viewer, ct);
        var viewer = await MlflowHttp.ForWorkspaceAsync(app, viewerClient, workspace.Id, ct);

        (await viewer.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!["info"]!["run_id"]!.GetValue<string>().ShouldBe(runId);
        (await viewer.PostAsync("runs/log-metric", new { run_id = runId, key = "x", value = 1.0, timestamp = 1L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.PostAsync("experiments/create", new { name = "mine" }, ct)).ShouldBeMlflowError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task AWorkspaceTokenReachesOnlyItsWorkspace()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, first) = await app.NewOwnerAsync();
        var second = await owner.CreateWorkspaceAsync(new CreateWorkspaceRequest("Second"), ct);
        var created = await owner.CreateTokenAsync(new CreateApiTokenRequest("first only", 7, first.Id), ct);
        created.Token.WorkspaceId.ShouldBe(first.Id);
        created.Token.WorkspaceName.ShouldBe(first.Name);
        (await owner.ListTokensAsync(ct: ct)).Items.Single().WorkspaceName.ShouldBe(first.Name);

        var script = new PlatformClient(app.CreateClient());
        script.UseToken(created.Secret);
        (await script.GetWorkspaceAsync(first.Id, ct)).Id.ShouldBe(first.Id);
        await script.GetWorkspaceAsync(second.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await script.ListWorkspacesAsync(ct: ct)).Items.ShouldHaveSingleItem().Id.ShouldBe(first.Id);
        await script.CreateTokenAsync(new CreateApiTokenRequest("wider", 7), ct).ShouldFailWith(HttpStatusCode.BadRequest);

        // Its MLflow calls land in its workspace; an unscoped token of an account with two workspaces is told what to do.
        var mlflow = MlflowHttp.WithToken(app, created.Secret);
        await mlflow.CreateExperimentAsync("lands-in-first", ct);
        var unscoped = await MlflowHttp.ForWorkspaceAsync(app, owner, null, ct);
        var refused = await unscoped.GetAsync("experiments/get-by-name?experiment_name=lands-in-first", ct);
        refused.ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        refused.Body!["message"]!.GetValue<string>().ShouldContain("token for one workspace");

        var (stranger, strangerWorkspace) = await app.NewOwnerAsync("outsider");
        await owner.CreateTokenAsync(new CreateApiTokenRequest("theirs", 7, strangerWorkspace.Id), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var single = await MlflowHttp.ForWorkspaceAsync(app, stranger, null, ct);
        (await single.GetAsync("experiments/get-by-name?experiment_name=lands-in-first", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        await single.CreateExperimentAsync("only-workspace", ct);
    }
}
