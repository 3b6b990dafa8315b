using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

public abstract class TrainingRunTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task TrainingAVersionRecordsMetricsCheckpointsAnEvaluationAndAModel()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, import) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        import.ShouldHaveSucceeded();
        var proposal = await owner.GetTrainingProposalAsync(workspace.Id, dataset.Id, 1, ct);
        proposal.Template.ShouldBe(TrainingTemplates.ImageCnn);
        proposal.Templates.ShouldBe([TrainingTemplates.ImageCnn, TrainingTemplates.ImageResNet]);
        proposal.Classes.ShouldBe(["circle", "square", "triangle"]);

        var started = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 10, Settings: RunWaits.Quick), ct);
        started.Status.ShouldBe(RunStatus.Queued);
        started.Template.ShouldBe(TrainingTemplates.ImageCnn);
        started.ExperimentName.ShouldBe("Default");
        started.Queue.ShouldBe("cpu");
        started.Dataset!.Version.ShouldBe(1);
        started.CodeVersion.ShouldNotBeNullOrEmpty();
        started.Settings!.Epochs.ShouldBe(3);

        var run = await owner.ForRunAsync(workspace.Id, started.Id, r => r.Status == RunStatus.Succeeded, ct);
        run.Progress.ShouldBe(1);
        run.WorkerName.ShouldNotBeNullOrEmpty();
        run.CheckpointStep.ShouldNotBeNull().ShouldBeGreaterThan(0);
        run.HasModel.ShouldBeTrue();
        run.Score.ShouldNotBeNull();
        run.Message!.ShouldContain("accuracy");

        var metrics = await owner.GetRunMetricsAsync(workspace.Id, run.Id, ct: ct);
        var loss = metrics.Series.Single(s => s.Name == "train_loss");
        loss.Points.Count.ShouldBeGreaterThan(1);
        loss.Points.Select(p => p.Step).ShouldBeInOrder();
        loss.Points.Select(p => p.Step).Distinct().Count().ShouldBe(loss.Points.Count);
        metrics.Series.ShouldContain(s => s.Name == "learning_rate");
        metrics.Series.ShouldContain(s => s.Name.StartsWith("val_"));
        (await owner.GetRunMetricsAsync(workspace.Id, run.Id, afterId: metrics.LastId, ct: ct)).Series.ShouldBeEmpty();

        var log = await owner.GetRunLogAsync(workspace.Id, run.Id, ct: ct);
        log.Lines.ShouldContain(l => l.Text.Contains("Training image-cnn"));

        var evaluation = await owner.GetRunEvaluationAsync(workspace.Id, run.Id, ct);
        evaluation.Classes.Select(c => c.Name).ShouldBe(["circle", "square", "triangle"]);
        evaluation.ConfusionMatrix.Count.ShouldBe(3);
        evaluation.ConfusionMatrix.Sum(row => row.Sum()).ShouldBe(evaluation.Count);
        evaluation.Accuracy.ShouldBe(run.Score);

        using var model = await owner.DownloadRunModelAsync(workspace.Id, run.Id, ct);
        model.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var bytes = await model.Content.ReadAsByteArrayAsync(ct);
        bytes[..2].ShouldBe("PK"u8.ToArray());

        var experiments = await owner.ListExperimentsAsync(workspace.Id, ct: ct);
        var experiment = experiments.Items.ShouldHaveSingleItem();
        experiment.RunCount.ShouldBe(1);
        var row = (await owner.ListRunsAsync(workspace.Id, experiment.Id, ct: ct)).Items.ShouldHaveSingleItem();
        row.Status.ShouldBe(RunStatus.Succeeded);
        row.DatasetName.ShouldBe(dataset.Name);
        row.Metrics.ShouldContainKey("train_loss");
        row.Params["template"].ShouldBe("image-cnn");
        row.Params["epochs"].ShouldBe("3");
        row.Params["batchSize"].ShouldBe("8");
        row.Params.ShouldNotContainKey("learningRate"); // left to the template
        var compared = (await owner.CompareRunsAsync(workspace.Id, [run.Id], ct)).Runs.ShouldHaveSingleItem();
        compared.Settings["template"].ShouldBe(run.Template);
        compared.Settings["epochs"].ShouldBe(run.Settings!.Epochs!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        compared.Evaluation!.Accuracy.ShouldBe(evaluation.Accuracy);
        compared.Evaluation.MacroF1!.Value.ShouldBe(evaluation.Classes.Average(c => c.F1), 1e-12);
        await owner.CancelRunAsync(workspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ARegressionRunExposesPredictedAgainstActualForEveryEvaluatedRowAndItsLargestErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, import) = await owner.ImportAsync(workspace.Id, DatasetFixtures.TableCsv(90), "flowers.csv", ct,
            new StartImportRequest([], TargetColumn: "petal_length"));
        import.ShouldHaveSucceeded();
        (await owner.GetTrainingProposalAsync(workspace.Id, dataset.Id, 1, ct)).Template.ShouldBe(TrainingTemplates.TabularRegression);

        var started = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 2, Settings: RunWaits.Quick), ct);
        var run = await owner.ForRunAsync(workspace.Id, started.Id, r => r.Status == RunStatus.Succeeded, ct);
        var evaluation = await owner.GetRunEvaluationAsync(workspace.Id, run.Id, ct);

        evaluation.Task.ShouldBe("tabular-regression");
        evaluation.Points.Count.ShouldBe(evaluation.Count);
        evaluation.Points.Select(p => p.Actual).ShouldBeInOrder();
        evaluation.Points.Average(p => (double)Math.Abs(p.Predicted - p.Actual)).ShouldBe(evaluation.MeanAbsoluteError!.Value, 1e-3);
        var rows = (await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, limit: 100, ct: ct)).Items.ToDictionary(i => i.Id.ToString());
        foreach (var point in evaluation.Points)
        {
            var cells = rows[point.ItemId].Cells!; // the row's petal_length is the actual value
            ((double)point.Actual).ShouldBe(double.Parse(cells[2]!, System.Globalization.CultureInfo.InvariantCulture), 1e-4);
        }
        evaluation.LargestErrors.Count.ShouldBe(Math.Min(20, evaluation.Count));
        evaluation.LargestErrors.Select(p => Math.Abs(p.Predicted - p.Actual)).ShouldBeInOrder(SortDirection.Descending);
        evaluation.LargestErrors.ShouldAllBe(p => evaluation.Points.Contains(p));
    }

    [Fact]
    public async Task CancellingARunningRunStopsItWithinSeconds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        var started = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 30), ct);
        await owner.ForRunAsync(workspace.Id, started.Id, r => r.Status == RunStatus.Running && r.Step > 0, ct);

        var cancelled = await owner.CancelRunAsync(workspace.Id, started.Id, ct);
        cancelled.Status.ShouldBe(RunStatus.Cancelled);
        var operation = await Wait.ForOperationAsync(owner, workspace.Id, (await owner.ListOperationsAsync(workspace.Id, ct: ct)).Items
            .Single(o => o.Kind == "train-model").Id, ct);
        operation.State.ShouldBe(OperationState.Cancelled);
        (await owner.GetRunAsync(workspace.Id, started.Id, ct)).Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public async Task ARunThatCannotTrainFailsWithTheReasonInItsMessageAndLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        // 4% of 30 items for training leaves at least one class with no training item at all.
        var split = await owner.SplitVersionAsync(workspace.Id, dataset.Id, 1, new SplitRequest(0.04, 0.48, 0.48), ct);
        (await Wait.ForOperationAsync(owner, workspace.Id, split.Id, ct)).ShouldHaveSucceeded();

        var started = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 2, Settings: RunWaits.Quick), ct);
        var run = await owner.ForRunAsync(workspace.Id, started.Id, r => r.Status == RunStatus.Failed, ct);
        run.Message!.ShouldContain("training items");
        var log = await owner.GetRunLogAsync(workspace.Id, run.Id, ct: ct);
        log.Lines[^1].Text.ShouldStartWith("Failed:");
        await owner.GetRunEvaluationAsync(workspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
    }
}
