namespace Platform.Ml.Tests;

public class TextTemplateTests
{
    [Fact]
    public async Task TextClassificationLearnsTopicsFromWords()
    {
        var recorder = new Recorder();
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TextClassification,
            Items = TestData.Texts(perClass: 200),
            TimeBudget = TimeSpan.FromSeconds(60),
            Settings = new TrainingSettings { Epochs = 15 },
            Callbacks = recorder.Callbacks,
        }, TestContext.Current.CancellationToken);

        result.Evaluation.Accuracy!.Value.ShouldBeGreaterThan(0.9, recorder.Report());
        result.Model.Manifest.Input.Vocabulary!.ShouldContain("goal");

        using var predictor = Predictor.Load(result.Model);
        var predictions = predictor.PredictTexts(["the chef will bake bread with butter and flour", "a bug in the server code"]);
        predictions.Select(p => p.Label).ShouldBe(["cooking", "tech"]);
        predictions[0].Probabilities!.Values.Sum().ShouldBe(1.0, 1e-4);
    }
}
