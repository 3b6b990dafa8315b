using System.Net;
using Platform.Api.Tests.Tracking;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

/// <summary>The runs table sorted and filtered on the server, paged without gaps or repeats, and runs compared.</summary>
public abstract class RunCompareTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    // name, latest val_accuracy (null: never logged), lr (null: not set), MLflow status
    private static readonly (string Name, double? Accuracy, string? Lr, string Status)[] Logged =
    [
        ("run-0", 0.5, "0.1", "RUNNING"),
        ("run-1", 0.9, "0.01", "FINISHED"),
        ("run-2", 0.7, "0.1", "FINISHED"),
        ("run-3", 0.9, null, "RUNNING"),
        ("run-4", double.NaN, "0.001", "FAILED"),
        ("run-5", null, "0.1", "RUNNING"),
        ("run-6", 0.6, "0.3", "KILLED"),
    ];

    [Fact]
    public async Task RunsSortByMetricsParamsNameAndStatusWithMissingValuesLast()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace, experiment, runs) = await SeedAsync(ct);

        var byAccuracy = await AllAsync(owner, workspace, experiment, "metrics.val_accuracy desc", null, 50, ct);
        byAccuracy.ShouldBe(Expected<double?>(runs, r => r.Accuracy is { } a && !double.IsNaN(a) ? a : null, descending: true));
        Names(runs, byAccuracy).Take(2).ShouldBe(["run-1", "run-3"], ignoreOrder: true);
        Names(runs, byAccuracy).Skip(2).Take(3).ShouldBe(["run-2", "run-6", "run-0"]);
        Names(runs, byAccuracy).Skip(5).ShouldBe(["run-4", "run-5"], ignoreOrder: true); // NaN and missing last

        var ascending = await AllAsync(owner, workspace, experiment, "metrics.val_accuracy asc", null, 50, ct);
        Names(runs, ascending).Take(3).ShouldBe(["run-0", "run-6", "run-2"]);
        Names(runs, ascending).Skip(5).ShouldBe(["run-4", "run-5"], ignoreOrder: true);

        var byLr = await AllAsync(owner, workspace, experiment, "params.lr", null, 50, ct);
        byLr.ShouldBe(Expected<string>(runs, r => r.Lr, descending: false));
        Names(runs, byLr)[^1].ShouldBe("run-3");

        Names(runs, await AllAsync(owner, workspace, experiment, "name desc", null, 50, ct)).ShouldBe(Logged.Select(l => l.Name).Reverse());
        var byStatus = (await owner.ListRunsAsync(workspace.Id, experiment, sort: "status", ct: ct)).Items.Select(r => r.Status).ToList();
        byStatus.ShouldBe(byStatus.OrderBy(s => s).ToList()); // life-cycle order, not alphabetical
        byStatus[0].ShouldBe(RunStatus.Running);
        byStatus[^1].ShouldBe(RunStatus.Cancelled);

        var newest = await AllAsync(owner, workspace, experiment, null, null, 50, ct);
        newest.ShouldBe(runs.Values.OrderByDescending(r => r.ToString("N"), StringComparer.Ordinal));
        (await AllAsync(owner, workspace, experiment, "created asc", null, 50, ct)).ShouldBe(newest.AsEnumerable().Reverse());
    }

    [Fact]
    public async Task SortedPagesFollowEachOtherWithoutGapsOrRepeats()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace, experiment, _) = await SeedAsync(ct);
        foreach (var sort in new[] { "metrics.val_accuracy desc", "metrics.val_accuracy", "params.lr desc", "name", "status desc", "score", "created asc" })
        {
            var whole = await AllAsync(owner, workspace, experiment, sort, null, 50, ct);
            whole.Count.ShouldBe(Logged.Length, sort);
            (await AllAsync(owner, workspace, experiment, sort, null, 2, ct)).ShouldBe(whole, sort);
            (await AllAsync(owner, workspace, experiment, sort, null, 1, ct)).ShouldBe(whole, sort);
        }
        var first = await owner.ListRunsAsync(workspace.Id, experiment, limit: 2, sort: "metrics.val_accuracy desc", ct: ct);
        var error = await owner.ListRunsAsync(workspace.Id, experiment, first.NextCursor, 2, sort: "name", ct: ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.ShouldContainKey("cursor"); // a cursor of another order would skip or repeat rows
        await owner.ListRunsAsync(workspace.Id, experiment, "bm90IGpzb24", 2, sort: "name", ct: ct).ShouldFailWith(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FiltersSelectByMetricsParamsStatusAndNameAndBadOnesSayWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace, experiment, runs) = await SeedAsync(ct);
        async Task<string[]> Filtered(string filter, string? sort = null, int limit = 50) =>
            Names(runs, await AllAsync(owner, workspace, experiment, sort, filter, limit, ct));

        (await Filtered("metrics.val_accuracy > 0.65")).ShouldBe(["run-1", "run-2", "run-3"], ignoreOrder: true);
        (await Filtered("params.lr = 0.1")).ShouldBe(["run-0", "run-2", "run-5"], ignoreOrder: true);
        (await Filtered("params.lr = '0.1' and status = 'Succeeded'")).ShouldBe(["run-2"]);
        (await Filtered("status IN ('failed', 'Cancelled')")).ShouldBe(["run-4", "run-6"], ignoreOrder: true);
        (await Filtered("name LIKE 'run-1%'")).ShouldBe(["run-1"]);
        (await Filtered("params.lr = '0.1'", "metrics.val_accuracy desc", limit: 1)).ShouldBe(["run-2", "run-0", "run-5"]);

        foreach (var (filter, says) in new[]
        {
            ("metrics.val_accuracy >> 0.9", "is neither a number nor a quoted string"),
            ("colour.red = 1", "invalid entity type 'colour'"),
            ("params.lr < '0.1'", "not a valid comparator"),
            ("metrics.val_accuracy > 0.9 or params.lr = '0.1'", "OR is not supported"),
            ("status = 'Sleeping'", "not a run status"),
        })
        {
            var error = await owner.ListRunsAsync(workspace.Id, experiment, filter: filter, ct: ct).ShouldFailWith(HttpStatusCode.BadRequest);
            error.Problem!.Errors!["filter"].ShouldHaveSingleItem().ShouldContain(says, Case.Insensitive, filter);
        }
        var bad = await owner.ListRunsAsync(workspace.Id, experiment, sort: "colour desc", ct: ct).ShouldFailWith(HttpStatusCode.BadRequest);
        bad.Problem!.Errors!["sort"].ShouldHaveSingleItem().ShouldContain("Cannot sort by 'colour'");
    }

    [Fact]
    public async Task RunsAreComparedSideBySideAndOnlyTheWorkspacesOwnUpToTen()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace, _, runs) = await SeedAsync(ct);
        var comparison = await owner.CompareRunsAsync(workspace.Id, [runs["run-2"], runs["run-1"]], ct);
        comparison.Runs.Select(r => r.Run.Name).ShouldBe(["run-2", "run-1"]);
        comparison.Runs[0].Run.Params["lr"].ShouldBe("0.1");
        comparison.Runs[1].Run.Params["lr"].ShouldBe("0.01");
        comparison.Runs[0].Run.Metrics["val_accuracy"].ShouldBe(0.7);
        comparison.Runs[0].Settings.ShouldBeEmpty(); // tracked, not trained here
        comparison.Runs[0].Evaluation.ShouldBeNull();

        var eleven = runs.Values.Concat(Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7())).ToList();
        var error = await owner.CompareRunsAsync(workspace.Id, eleven, ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["ids"].ShouldHaveSingleItem().ShouldContain("1 to 10");
        await owner.CompareRunsAsync(workspace.Id, [], ct).ShouldFailWith(HttpStatusCode.BadRequest);

        var (stranger, theirs, _, theirRuns) = await SeedAsync(ct);
        await owner.CompareRunsAsync(workspace.Id, [runs["run-0"], theirRuns["run-0"]], ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.CompareRunsAsync(workspace.Id, [runs["run-0"], runs["run-1"]], ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.CompareRunsAsync(theirs.Id, [theirRuns["run-0"], runs["run-1"]], ct).ShouldFailWith(HttpStatusCode.NotFound);
    }

    /// <summary>A workspace with one experiment of the runs in <see cref="Logged"/>, logged through the MLflow routes.</summary>
    private async Task<(PlatformClient Owner, WorkspaceDto Workspace, Guid Experiment, Dictionary<string, Guid> Runs)> SeedAsync(CancellationToken ct)
    {
        var (owner, workspace) = await app.NewOwnerAsync();
        var mlflow = await MlflowHttp.ForWorkspaceAsync(app, owner, workspace.Id, ct);
        var experiment = await mlflow.CreateExperimentAsync("sweep", ct);
        var runs = new Dictionary<string, Guid>();
        foreach (var (name, accuracy, lr, status) in Logged)
        {
            var id = await mlflow.CreateRunAsync(experiment, ct, name);
            runs[name] = Guid.Parse(id);
            // An early high value at step 0: the table compares the latest one.
            var metrics = accuracy is { } a
                ? new object[] { new { key = "val_accuracy", value = (object)0.99, timestamp = 1L, step = 0 },
                                 new { key = "val_accuracy", value = double.IsNaN(a) ? "NaN" : (object)a, timestamp = 2L, step = 1 } }
                : [new { key = "loss", value = (object)1.0, timestamp = 1L, step = 0 }];
            var parameters = lr is null ? Array.Empty<object>() : [new { key = "lr", value = lr }];
            await mlflow.OkAsync("runs/log-batch", new { run_id = id, metrics, @params = parameters }, ct);
            if (status != "RUNNING") await mlflow.OkAsync("runs/update", new { run_id = id, status }, ct);
        }
        return (owner, workspace, Guid.Parse(experiment), runs);
    }

    private static async Task<List<Guid>> AllAsync(PlatformClient client, WorkspaceDto ws, Guid experiment, string? sort, string? filter, int limit, CancellationToken ct)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.ListRunsAsync(ws.Id, experiment, cursor, limit, sort: sort, filter: filter, ct: ct);
            page.Items.Count.ShouldBeLessThanOrEqualTo(limit);
            ids.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
        } while (cursor is not null && ids.Count <= Logged.Length);
        return ids;
    }

    /// <summary>Values first (in the direction), then runs without one; ties and the runs without a value by id.</summary>
    private static List<Guid> Expected<TKey>(Dictionary<string, Guid> runs, Func<(string Name, double? Accuracy, string? Lr, string Status), TKey?> key, bool descending)
    {
        var rows = Logged.Select(l => (Id: runs[l.Name], Key: key(l))).ToList();
        var comparer = Comparer<TKey?>.Create((x, y) => x is string sx && y is string sy ? string.CompareOrdinal(sx, sy) : Comparer<TKey?>.Default.Compare(x, y));
        var withValue = rows.Where(r => r.Key is not null);
        var ordered = descending
            ? withValue.OrderByDescending(r => r.Key, comparer).ThenByDescending(r => r.Id.ToString("N"), StringComparer.Ordinal)
            : withValue.OrderBy(r => r.Key, comparer).ThenBy(r => r.Id.ToString("N"), StringComparer.Ordinal);
        var missing = rows.Where(r => r.Key is null);
        var missingOrdered = descending ? missing.OrderByDescending(r => r.Id.ToString("N"), StringComparer.Ordinal) : missing.OrderBy(r => r.Id.ToString("N"), StringComparer.Ordinal);
        return ordered.Concat(missingOrdered).Select(r => r.Id).ToList();
    }

    private static string[] Names(Dictionary<string, Guid> runs, IEnumerable<Guid> ids) =>
        ids.Select(id => runs.Single(r => r.Value == id).Key).ToArray();
}
