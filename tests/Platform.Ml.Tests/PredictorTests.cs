namespace Platform.Ml.Tests;

public class PredictorTests
{
    [Fact]
    public async Task ASavedAndLoadedPackagePredictsExactlyLikeTheTrainedModel()
    {
        var table = TestData.Table(600, regression: false);
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TabularClassification,
            Table = table,
            TimeBudget = TimeSpan.FromSeconds(60),
            Settings = new TrainingSettings { Epochs = 10 },
        }, TestContext.Current.CancellationToken);

        using var file = new MemoryStream();
        result.Model.WriteTo(file);
        file.Position = 0;
        using var loaded = Predictor.Load(file);
        using var original = Predictor.Load(result.Model);

        var testRows = table.Rows.Where(r => r.Split == MlSplit.Test).ToList();
        var inputs = testRows.Select(r => (IReadOnlyDictionary<string, string?>)table.Columns.Zip(r.Values).ToDictionary(p => p.First, p => p.Second)).ToList();
        var fromLoaded = loaded.PredictRows(inputs);
        var fromOriginal = original.PredictRows(inputs);

        System.Text.Json.JsonSerializer.Serialize(loaded.Manifest).ShouldBe(System.Text.Json.JsonSerializer.Serialize(result.Model.Manifest));
        fromLoaded.Select(p => p.Probabilities!.Values.ToArray()).ShouldBe(fromOriginal.Select(p => p.Probabilities!.Values.ToArray()));
        var accuracy = testRows.Zip(fromLoaded).Count(p => p.First.Values[3] == p.Second.Label) / (double)testRows.Count;
        accuracy.ShouldBe(result.Evaluation.Accuracy!.Value, 1e-9);
    }

    [Fact]
    public async Task APredictorGivesTheSameAnswersWhenCalledFromManyThreads()
    {
        var table = TestData.Table(400, regression: true);
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TabularRegression,
            Table = table,
            TimeBudget = TimeSpan.FromSeconds(60),
            Settings = new TrainingSettings { Epochs = 3 },
        }, TestContext.Current.CancellationToken);
        using var predictor = Predictor.Load(result.Model);
        var rows = table.Rows.Take(50).Select(r => (IReadOnlyDictionary<string, string?>)table.Columns.Zip(r.Values).ToDictionary(p => p.First, p => p.Second)).ToList();
        var expected = predictor.PredictRows(rows).Select(p => p.Value).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => predictor.PredictRows(rows), TestContext.Current.CancellationToken)));

        results.ShouldAllBe(r => r.Select(p => p.Value).SequenceEqual(expected));
    }

    [Fact]
    public void AnythingButAPackageIsRefused()
    {
        var error = Should.Throw<MlValidationException>(() => Predictor.Load(new MemoryStream([80, 75, 1, 2])));
        error.Errors.Keys.ShouldContain("package");
    }
}
