using Platform.Ml.Samples;

namespace Platform.Ml.Tests;

public class ImageTemplateTests
{
    [Fact]
    public async Task TheDefaultImageTemplateLearnsGeneratedGrayscaleShapes()
    {
        var recorder = new Recorder();
        var progress = new List<TrainingProgress>();
        var items = SampleImages.Create(perClass: 60, seed: 1);
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.DefaultImage,
            Items = items,
            TimeBudget = TimeSpan.FromSeconds(18),
            Callbacks = recorder.Callbacks with { Progress = new Sync<TrainingProgress>(progress.Add) },
        }, TestContext.Current.CancellationToken);

        // The trainer, not a wall clock on a busy machine, says the budget ended training (no epoch count is set).
        result.StopReason.ShouldBe("time budget used", recorder.Report());
        progress.Select(p => p.Fraction).ShouldBeInOrder(SortDirection.Ascending);
        progress[^1].Fraction.ShouldBe(1);
        progress.ShouldAllBe(p => p.Remaining >= TimeSpan.Zero && p.Remaining <= TimeSpan.FromSeconds(18));

        result.Evaluation.Split.ShouldBe("test");
        result.Evaluation.Count.ShouldBe(100);
        result.Evaluation.Accuracy!.Value.ShouldBeGreaterThan(0.9, recorder.Report());
        result.Model.Manifest.Input.Channels.ShouldBe(1);
        result.Model.Manifest.Input.ImageSize.ShouldBe(28);
        result.Model.Manifest.ClassNames.Count.ShouldBe(10);
        recorder.Metrics.ShouldContain(m => m.Name == "val_accuracy");

        // Save, load and predict: the predictor reproduces the evaluation on the test items.
        using var file = new MemoryStream();
        result.Model.WriteTo(file);
        file.Position = 0;
        using var predictor = Predictor.Load(file);
        var test = items.Where(i => i.Split == MlSplit.Test).ToList();
        var predictions = predictor.PredictImages([.. test.Select(TestData.ReadAll)]);
        var accuracy = test.Zip(predictions).Count(p => p.First.Label == p.Second.Label) / (double)test.Count;
        accuracy.ShouldBe(result.Evaluation.Accuracy!.Value, 1e-9);
    }

    [Fact]
    public async Task TheResidualTemplateLearnsColorImagesOfMixedSizes()
    {
        var recorder = new Recorder();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.ImageResNet,
            Items = SampleImages.Create(perClass: 50, seed: 2, size: 24, color: true, mixedSizes: true),
            TimeBudget = TimeSpan.FromSeconds(90),
            Settings = new TrainingSettings { Epochs = 8, BatchSize = 32 },
            Callbacks = recorder.Callbacks,
        }, TestContext.Current.CancellationToken);

        result.Model.Manifest.Input.Channels.ShouldBe(3);
        result.Evaluation.Accuracy!.Value.ShouldBeGreaterThan(0.8, recorder.Report());
    }

    [Fact]
    public async Task TheEvaluationReportAddsUp()
    {
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.DefaultImage,
            Items = SampleImages.Create(perClass: 30, seed: 3),
            TimeBudget = TimeSpan.FromSeconds(5),
        }, TestContext.Current.CancellationToken);

        var report = result.Evaluation;
        report.ConfusionMatrix.Sum(row => row.Sum()).ShouldBe(report.Count);
        report.Classes.Sum(c => c.Support).ShouldBe(report.Count);
        var correct = Enumerable.Range(0, report.Classes.Count).Sum(i => report.ConfusionMatrix[i][i]);
        report.Accuracy!.Value.ShouldBe((double)correct / report.Count, 1e-9);
        report.WorstItems.Count.ShouldBe(Math.Min(20, report.Count - correct));
        report.Classes.ShouldAllBe(c => c.F1 >= 0 && c.F1 <= 1);
    }
}
