using Platform.Ml.Samples;

namespace Platform.Ml.Tests;

public class ImageTemplateTests
{
    [Fact]
    public async Task TheDefaultImageTemplateLearnsGeneratedGrayscaleShapes()
    {
        var recorder = new Recorder();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.DefaultImage,
            Items = SampleImages.Create(perClass: 60, seed: 1),
            TimeBudget = TimeSpan.FromSeconds(12),
            Callbacks = recorder.Callbacks,
        }, TestContext.Current.CancellationToken);

        result.Evaluation.Split.ShouldBe("test");
        result.Evaluation.Count.ShouldBe(100);
        result.Evaluation.Accuracy!.Value.ShouldBeGreaterThan(0.9, recorder.Report());
        result.Model.Manifest.Input.Channels.ShouldBe(1);
        result.Model.Manifest.Input.ImageSize.ShouldBe(28);
        result.Model.Manifest.ClassNames.Count.ShouldBe(10);
        recorder.Metrics.ShouldContain(m => m.Name == "val_accuracy");
    }

    [Fact]
    public async Task TheResidualTemplateLearnsColorImagesOfMixedSizes()
    {
        var recorder = new Recorder();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.ImageResNet,
            Items = SampleImages.Create(perClass: 50, seed: 2, size: 24, color: true, mixedSizes: true),
            TimeBudget = TimeSpan.FromSeconds(15),
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
