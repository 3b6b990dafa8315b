using System.Net;
using System.Text.Json.Nodes;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Tracking;

/// <summary>MLflow's REST API 2.0 driven with the bodies and shapes of MLflow's docs, as its client sends them.</summary>
public abstract class MlflowTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ExperimentsAreCreatedFoundSearchedDeletedAndRestored()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);

        var id = await mlflow.CreateExperimentAsync("churn", ct);
        id.Length.ShouldBe(32);
        var got = (await mlflow.OkGetAsync($"experiments/get?experiment_id={id}", ct))["experiment"]!;
        got["experiment_id"]!.GetValue<string>().ShouldBe(id);
        got["name"]!.GetValue<string>().ShouldBe("churn");
        got["lifecycle_stage"]!.GetValue<string>().ShouldBe("active");
        got["artifact_location"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        got["creation_time"]!.GetValue<long>().ShouldBeGreaterThan(1_600_000_000_000L);
        got["last_update_time"]!.GetValue<long>().ShouldBeGreaterThan(1_600_000_000_000L);
        (await mlflow.OkGetAsync("experiments/get-by-name?experiment_name=churn", ct))["experiment"]!["experiment_id"]!.GetValue<string>().ShouldBe(id);
        (await mlflow.GetAsync("experiments/get-by-name?experiment_name=nope", ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await mlflow.PostAsync("experiments/create", new { name = "churn" }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");

        var other = await mlflow.CreateExperimentAsync("vision", ct);
        var all = (await mlflow.OkAsync("experiments/search", new { max_results = 10 }, ct))["experiments"]!.AsArray();
        all.Select(e => e!["experiment_id"]!.GetValue<string>()).ShouldBe([other, id]);
        var byName = (await mlflow.OkGetAsync("experiments/search?filter=name%20LIKE%20%27chu%25%27&max_results=5", ct))["experiments"]!.AsArray();
        byName.ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("churn");
        var firstPage = await mlflow.OkAsync("experiments/search", new { max_results = 1, order_by = new[] { "name ASC" } }, ct);
        firstPage["experiments"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("churn");
        var token = firstPage["next_page_token"]!.GetValue<string>();
        var secondPage = await mlflow.OkAsync("experiments/search", new { max_results = 1, order_by = new[] { "name ASC" }, page_token = token }, ct);
        secondPage["experiments"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("vision");
        secondPage["next_page_token"].ShouldBeNull();

        (await mlflow.OkAsync("experiments/delete", new { experiment_id = id }, ct)).AsObject().Count.ShouldBe(0);
        (await mlflow.OkGetAsync($"experiments/get?experiment_id={id}", ct))["experiment"]!["lifecycle_stage"]!.GetValue<string>().ShouldBe("deleted");
        (await mlflow.OkAsync("experiments/search", new { }, ct))["experiments"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("vision");
        (await mlflow.OkAsync("experiments/search", new { view_type = "DELETED_ONLY" }, ct))["experiments"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("churn");
        (await mlflow.PostAsync("runs/create", new { experiment_id = id }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        await mlflow.OkAsync("experiments/restore", new { experiment_id = id }, ct);
        (await mlflow.PostAsync("experiments/restore", new { experiment_id = id }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        await mlflow.OkAsync("experiments/update", new { experiment_id = id, new_name = "churn-v2" }, ct);
        (await mlflow.OkGetAsync($"experiments/get?experiment_id={id}", ct))["experiment"]!["name"]!.GetValue<string>().ShouldBe("churn-v2");
        (await mlflow.PostAsync("experiments/update", new { experiment_id = id, new_name = "vision" }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task ARunIsLoggedReadUpdatedDeletedAndRestored()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var experiment = await mlflow.CreateExperimentAsync("lifecycle", ct);

        var created = (await mlflow.OkAsync("runs/create", new
        {
            experiment_id = experiment, start_time = 1_700_000_000_000L,
            tags = new[] { new { key = "mlflow.runName", value = "first" }, new { key = "team", value = "vision" } },
        }, ct))["run"]!;
        var info = created["info"]!;
        var runId = info["run_id"]!.GetValue<string>();
        info["run_uuid"]!.GetValue<string>().ShouldBe(runId);
        info["run_name"]!.GetValue<string>().ShouldBe("first");
        info["experiment_id"]!.GetValue<string>().ShouldBe(experiment);
        info["status"]!.GetValue<string>().ShouldBe("RUNNING");
        info["start_time"]!.GetValue<long>().ShouldBe(1_700_000_000_000L);
        info["lifecycle_stage"]!.GetValue<string>().ShouldBe("active");
        info["artifact_uri"]!.GetValue<string>().ShouldContain(runId);
        info["user_id"]!.GetValue<string>().ShouldContain("@example.com");
        info["end_time"].ShouldBeNull();

        // As the Python client sends them: int64 as numbers or strings, non-finite doubles as "NaN"/"Infinity".
        await mlflow.OkAsync("runs/log-parameter", new { run_id = runId, run_uuid = runId, key = "lr", value = "0.1" }, ct);
        await mlflow.OkAsync("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.1" }, ct);
        await mlflow.OkAsync("runs/set-tag", new { run_id = runId, key = "stage", value = "dev" }, ct);
        await mlflow.OkAsync("runs/set-tag", new { run_id = runId, key = "stage", value = "prod" }, ct);
        await mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 0.9, timestamp = 1_700_000_000_001L, step = 0 }, ct);
        await mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 0.5, timestamp = "1700000000002", step = "1" }, ct);
        await mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "odd", value = "NaN", timestamp = 1L, step = 0 }, ct);
        await mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "odd", value = "Infinity", timestamp = 2L, step = 1 }, ct);
        await mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "odd", value = "-Infinity", timestamp = 3L, step = 2 }, ct);

        var run = (await mlflow.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!;
        var metrics = run["data"]!["metrics"]!.AsArray();
        metrics.Select(m => m!["key"]!.GetValue<string>()).ShouldBe(["loss", "odd"]);
        metrics[0]!["value"]!.GetValue<double>().ShouldBe(0.5);
        metrics[0]!["step"]!.GetValue<long>().ShouldBe(1);
        metrics[0]!["timestamp"]!.GetValue<long>().ShouldBe(1_700_000_000_002L);
        metrics[1]!["value"]!.GetValue<string>().ShouldBe("-Infinity");
        Pairs(run["data"]!["params"]).ShouldBe(["lr=0.1"]);
        Pairs(run["data"]!["tags"]).ShouldBe(["mlflow.runName=first", "stage=prod", "team=vision"]);

        var odd = (await mlflow.OkGetAsync($"metrics/get-history?run_id={runId}&metric_key=odd", ct))["metrics"]!.AsArray();
        odd.Select(m => m!["value"]!.ToJsonString()).ShouldBe(["\"NaN\"", "\"Infinity\"", "\"-Infinity\""]);

        (await mlflow.PostAsync("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.2" }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        await mlflow.OkAsync("runs/delete-tag", new { run_id = runId, key = "stage" }, ct);
        (await mlflow.PostAsync("runs/delete-tag", new { run_id = runId, key = "stage" }, ct)).ShouldBeMlflowError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");

        var updated = (await mlflow.OkAsync("runs/update", new { run_id = runId, run_uuid = runId, status = "FINISHED", end_time = 1_700_000_100_000L, run_name = "renamed" }, ct))["run_info"]!;
        updated["status"]!.GetValue<string>().ShouldBe("FINISHED");
        updated["end_time"]!.GetValue<long>().ShouldBe(1_700_000_100_000L);
        updated["run_name"]!.GetValue<string>().ShouldBe("renamed");
        (await mlflow.PostAsync("runs/update", new { run_id = runId, status = "DONE" }, ct)).ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        await mlflow.OkAsync("runs/delete", new { run_id = runId }, ct);
        (await mlflow.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!["info"]!["lifecycle_stage"]!.GetValue<string>().ShouldBe("deleted");
        (await mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0, timestamp = 5L }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        await mlflow.OkAsync("runs/restore", new { run_id = runId }, ct);
        var restored = (await mlflow.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!;
        restored["info"]!["lifecycle_stage"]!.GetValue<string>().ShouldBe("active");
        Pairs(restored["data"]!["tags"]).ShouldBe(["mlflow.runName=renamed", "team=vision"]);

        var artifacts = await mlflow.OkGetAsync($"artifacts/list?run_id={runId}", ct);
        artifacts["root_uri"]!.GetValue<string>().ShouldBe(info["artifact_uri"]!.GetValue<string>());
        artifacts["files"].ShouldBeNull();
    }

    [Fact]
    public async Task ABatchOfAThousandPointsIsWrittenAndReadBackByPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var runId = await mlflow.CreateRunAsync(await mlflow.CreateExperimentAsync("batch", ct), ct);

        var metrics = Enumerable.Range(0, 1000).Select(i => new { key = i % 2 == 0 ? "loss" : "acc", value = i / 1000.0, timestamp = 1_700_000_000_000L + i, step = i / 2 }).ToArray();
        await mlflow.OkAsync("runs/log-batch", new { run_id = runId, metrics }, ct);
        // MLflow's limit is 1,000 metrics, params and tags together per request.
        await mlflow.OkAsync("runs/log-batch", new
        {
            run_id = runId,
            @params = new[] { new { key = "batch_size", value = "64" } },
            tags = new[] { new { key = "source", value = "test" } },
        }, ct);

        var history = new List<JsonNode>();
        string? page = null;
        do
        {
            var query = $"metrics/get-history?run_id={runId}&metric_key=loss&max_results=200" + (page is null ? "" : $"&page_token={Uri.EscapeDataString(page)}");
            var json = await mlflow.OkGetAsync(query, ct);
            history.AddRange(json["metrics"]!.AsArray().Select(m => m!));
            page = json["next_page_token"]?.GetValue<string>();
        } while (page is not null);
        history.Count.ShouldBe(500);
        history.Select(m => m["step"]!.GetValue<long>()).ShouldBe(Enumerable.Range(0, 500).Select(i => (long)i));
        history[499]["value"]!.GetValue<double>().ShouldBe(0.998);
        history[0]["key"]!.GetValue<string>().ShouldBe("loss");

        var run = (await mlflow.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!;
        var latest = run["data"]!["metrics"]!.AsArray().ToDictionary(m => m!["key"]!.GetValue<string>(), m => m!["value"]!.GetValue<double>());
        latest["acc"].ShouldBe(0.999);
        latest["loss"].ShouldBe(0.998);
        Pairs(run["data"]!["params"]).ShouldBe(["batch_size=64"]);
    }

    [Fact]
    public async Task SearchTakesMlflowsFilterSyntaxOrderAndPages()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var experiment = await mlflow.CreateExperimentAsync("search", ct);
        var runs = new Dictionary<string, string>();
        foreach (var (name, loss, lr, team) in new[] { ("a", 0.3, "0.1", "vision"), ("b", 0.7, "0.1", "nlp"), ("c", 0.1, "0.01", "vision") })
        {
            var id = await mlflow.CreateRunAsync(experiment, ct, name);
            runs[id] = name;
            await mlflow.OkAsync("runs/log-batch", new
            {
                run_id = id,
                metrics = new[] { new { key = "loss", value = 9.0, timestamp = 1L, step = 0 }, new { key = "loss", value = loss, timestamp = 2L, step = 1 } },
                @params = new[] { new { key = "lr", value = lr } },
                tags = new[] { new { key = "team", value = team } },
            }, ct);
        }
        await mlflow.OkAsync("runs/update", new { run_id = runs.Single(r => r.Value == "b").Key, status = "FINISHED" }, ct);
        var unmeasured = await mlflow.CreateRunAsync(experiment, ct, "d");

        async Task<string[]> Names(object body) =>
            ((await mlflow.OkAsync("runs/search", body, ct))["runs"]?.AsArray() ?? []).Select(r => r!["info"]!["run_name"]!.GetValue<string>()).ToArray();

        (await Names(new { experiment_ids = new[] { experiment }, filter = "metrics.loss < 0.5 and params.lr = '0.1'" })).ShouldBe(["a"]);
        (await Names(new { experiment_ids = new[] { experiment }, filter = "metrics.loss < 0.5", order_by = new[] { "metrics.loss ASC" } })).ShouldBe(["c", "a"]);
        (await Names(new { experiment_ids = new[] { experiment }, filter = "tags.team = 'vision' AND metrics.loss >= 0.3" })).ShouldBe(["a"]);
        (await Names(new { experiment_ids = new[] { experiment }, filter = "attributes.status = 'FINISHED'" })).ShouldBe(["b"]);
        (await Names(new { experiment_ids = new[] { experiment }, filter = "tags.`team` ILIKE 'VIS%'", order_by = new[] { "attributes.run_name DESC" } })).ShouldBe(["c", "a"]);
        (await Names(new { experiment_ids = new[] { experiment }, filter = "params.lr != '0.1'" })).ShouldBe(["c"]);
        (await Names(new { experiment_ids = new[] { experiment }, order_by = new[] { "metrics.loss DESC" } })).ShouldBe(["b", "a", "c", "d"]);
        (await Names(new { experiment_ids = new[] { experiment }, filter = "attributes.run_name IN ('a', 'd')", order_by = new[] { "attributes.run_name" } })).ShouldBe(["a", "d"]);

        var first = await mlflow.OkAsync("runs/search", new { experiment_ids = new[] { experiment }, max_results = 3, order_by = new[] { "attributes.run_name ASC" } }, ct);
        first["runs"]!.AsArray().Count.ShouldBe(3);
        var second = await mlflow.OkAsync("runs/search", new
        {
            experiment_ids = new[] { experiment }, max_results = 3, order_by = new[] { "attributes.run_name ASC" }, page_token = first["next_page_token"]!.GetValue<string>(),
        }, ct);
        second["runs"]!.AsArray().ShouldHaveSingleItem()!["info"]!["run_id"]!.GetValue<string>().ShouldBe(unmeasured);
        second["next_page_token"].ShouldBeNull();

        await mlflow.OkAsync("runs/delete", new { run_id = unmeasured }, ct);
        (await Names(new { experiment_ids = new[] { experiment }, run_view_type = "DELETED_ONLY" })).ShouldBe(["d"]);
        (await mlflow.PostAsync("runs/search", new { experiment_ids = new[] { experiment }, filter = "metrics.loss < 'x'" }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/search", new { experiment_ids = new[] { experiment }, filter = "metrics.loss < 1 or params.lr = '1'" }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await mlflow.PostAsync("runs/search", new { experiment_ids = new[] { experiment }, page_token = "garbage" }, ct))
            .ShouldBeMlflowError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task ExperimentZeroIsTheWorkspacesDefaultExperiment()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var runId = await mlflow.CreateRunAsync("0", ct);
        var run = (await mlflow.OkGetAsync($"runs/get?run_id={runId}", ct))["run"]!;
        var experiment = (await mlflow.OkGetAsync("experiments/get-by-name?experiment_name=Default", ct))["experiment"]!;
        run["info"]!["experiment_id"]!.GetValue<string>().ShouldBe(experiment["experiment_id"]!.GetValue<string>());
        (await mlflow.OkAsync("runs/search", new { experiment_ids = new[] { "0" } }, ct))["runs"]!.AsArray().ShouldHaveSingleItem();
    }

    private static string[] Pairs(JsonNode? list) =>
        (list?.AsArray() ?? []).Select(p => $"{p!["key"]!.GetValue<string>()}={p["value"]!.GetValue<string>()}").ToArray();
}
