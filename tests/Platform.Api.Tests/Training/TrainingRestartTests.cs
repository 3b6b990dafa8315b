using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

/// <summary>A run whose server stops mid-training is picked up after the restart and resumes from its last checkpoint.</summary>
public sealed class TrainingRestartTests
{
    [Fact]
    public async Task ARunResumesFromItsCheckpointAfterARestartWithNoRepeatedOrMissingSteps()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("platform-train-restart-").FullName;
        try
        {
            Guid workspaceId, runId;
            string token;
            long checkpointBefore;
            await using (var first = new PlatformApp(DatabaseProvider.Sqlite, "api,worker", folder, null))
            {
                await first.InitializeAsync();
                var admin = await first.AdminAsync();
                var workspace = await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Restart"), ct);
                var (dataset, _) = await admin.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
                var run = await admin.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 30,
                    Settings: RunWaits.Quick with { Epochs = 40, CheckpointEverySteps = 5 }), ct);
                token = (await admin.CreateTokenAsync(new CreateApiTokenRequest("restart", 1), ct)).Secret;
                var running = await admin.ForRunAsync(workspace.Id, run.Id, r => r.CheckpointStep >= 5, ct);
                checkpointBefore = running.CheckpointStep!.Value;
                (workspaceId, runId) = (workspace.Id, run.Id);
            } // the host stops: the run is left Running with its job gone, as after a crash

            await using var second = new PlatformApp(DatabaseProvider.Sqlite, "api,worker", folder, null);
            await second.InitializeAsync();
            var client = new PlatformClient(second.CreateClient());
            client.UseToken(token);
            var done = await client.ForRunAsync(workspaceId, runId, r => r.Status == RunStatus.Succeeded, ct);
            done.Attempts.ShouldBe(2);
            done.Step.ShouldBe(120); // 40 epochs of 3 steps: the resumed run counts the steps it had already done

            var log = await client.GetRunLogAsync(workspaceId, runId, ct: ct);
            log.Lines.ShouldContain(l => l.Text.StartsWith("Resuming from the checkpoint at step "));
            var metrics = await client.GetRunMetricsAsync(workspaceId, runId, maxPoints: 10_000, ct: ct);
            var lossSteps = metrics.Series.Single(s => s.Name == "train_loss").Points.Select(p => p.Step).ToList();
            lossSteps.ShouldBe(Enumerable.Range(1, 40).Select(i => i * 3L).ToList()); // every 3rd step, each once
            var validationSteps = metrics.Series.Single(s => s.Name == "val_accuracy").Points.Select(p => p.Step).ToList();
            validationSteps.ShouldBe(validationSteps.Distinct().Order().ToList());
            checkpointBefore.ShouldBeGreaterThanOrEqualTo(5);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
