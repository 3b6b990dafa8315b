namespace Platform.Ml.Tests;

public class TabularTemplateTests
{
    [Fact]
    public async Task TabularClassificationLearnsNumericAndCategoricalColumnsWithGaps()
    {
        var recorder = new Recorder();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TabularClassification,
            Table = TestData.Table(1500, regression: false),
            TimeBudget = TimeSpan.FromSeconds(60),
            Settings = new TrainingSettings { Epochs = 25 },
            Callbacks = recorder.Callbacks,
        }, TestContext.Current.CancellationToken);

        result.Evaluation.Accuracy!.Value.ShouldBeGreaterThan(0.88, recorder.Report());
        result.Model.Manifest.ClassNames.ShouldBe(["high", "low", "mid"]);
        var columns = result.Model.Manifest.Input.Columns!;
        columns.Single(c => c.Name == "color").Numeric.ShouldBeFalse();
        columns.Single(c => c.Name == "x1").Numeric.ShouldBeTrue();
        columns.Single(c => c.Name == "x1").HasMissing.ShouldBeTrue();
    }

    [Fact]
    public async Task TabularRegressionFitsALinearTarget()
    {
        var recorder = new Recorder();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TabularRegression,
            Table = TestData.Table(1500, regression: true),
            TimeBudget = TimeSpan.FromSeconds(60),
            Settings = new TrainingSettings { Epochs = 25 },
            Callbacks = recorder.Callbacks,
        }, TestContext.Current.CancellationToken);

        result.Evaluation.Task.ShouldBe("tabular-regression");
        result.Evaluation.RSquared!.Value.ShouldBeGreaterThan(0.9, recorder.Report());
        result.Evaluation.MeanAbsoluteError!.Value.ShouldBeLessThan(result.Evaluation.RootMeanSquaredError!.Value + 1e-9);
        recorder.Metrics.ShouldContain(m => m.Name == "val_rmse");
    }
}
