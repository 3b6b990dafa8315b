using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

/// <summary>
/// Production shape on PostgreSQL: the API in this process, workers as separate processes. The worker training a run is
/// killed with SIGKILL; once its lease expires another worker takes the run over and resumes it from its checkpoint.
/// </summary>
public sealed class WorkerCrashTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Platform__Training__LeaseSeconds"] = "6",
        ["Platform__Queues"] = "default,cpu",
    };

    [Fact]
    public async Task AKilledWorkersRunIsTakenOverAndResumedWithNoRepeatedOrMissingSteps()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("platform-worker-crash-").FullName;
        await using var database = await PostgresDatabase.CreateAsync(ct);
        try
        {
            await using var api = new PlatformApp(DatabaseProvider.Postgres, "api", Path.Combine(folder, "api"), database);
            await api.InitializeAsync();
            var admin = await api.AdminAsync(); // starts the host, which migrates the database
            var objects = Path.Combine(folder, "api", "objects");
            var doomed = await WorkerProcess.StartAsync("doomed", Path.Combine(folder, "doomed"), database.ConnectionString, objects, Settings, ct);

            var workspace = await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Crash"), ct);
            var (dataset, import) = await admin.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
            import.ShouldHaveSucceeded();
            var run = await admin.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 30,
                Settings: RunWaits.Quick with { Epochs = 60, CheckpointEverySteps = 5 }), ct);
            var before = await admin.ForRunAsync(workspace.Id, run.Id, r => r.CheckpointStep >= 5, ct);
            before.WorkerName.ShouldBe("doomed");
            await doomed.KillAsync();

            await using var survivor = await WorkerProcess.StartAsync("survivor", Path.Combine(folder, "survivor"), database.ConnectionString, objects, Settings, ct);
            var done = await admin.ForRunAsync(workspace.Id, run.Id, r => r.Status == RunStatus.Succeeded, ct, seconds: 600);
            done.WorkerName.ShouldBe("survivor");
            done.Attempts.ShouldBe(2);
            done.Step.ShouldBe(180); // 60 epochs of 3 steps, counted across both workers

            var log = await admin.GetRunLogAsync(workspace.Id, run.Id, limit: 5000, ct: ct);
            log.Lines.ShouldContain(l => l.Text.StartsWith("Worker doomed stopped renewing its lease"));
            log.Lines.ShouldContain(l => l.Text.StartsWith("Resuming from the checkpoint at step "));
            var metrics = await admin.GetRunMetricsAsync(workspace.Id, run.Id, maxPoints: 10_000, ct: ct);
            var lossSteps = metrics.Series.Single(s => s.Name == "train_loss").Points.Select(p => p.Step).ToList();
            lossSteps.ShouldBe(Enumerable.Range(1, 60).Select(i => i * 3L).ToList(), doomed.Output);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
