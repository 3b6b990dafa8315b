using Platform.Contracts;

namespace Platform.Ml.Tests;

/// <summary>The catalog the API and the portal offer is the core's: same names, same rules and messages.</summary>
public class CatalogTests
{
    [Fact]
    public void TheTemplateCatalogNamesEveryTemplateOfTheCore() =>
        TrainingTemplates.All.Select(t => t.Name).ShouldBe(MlTemplates.Names, ignoreOrder: true);

    [Fact]
    public async Task TheCoreRefusesSettingsWithTheSameFieldsAndMessagesAsTheSharedRules()
    {
        var bad = new TrainingSettings { Epochs = 0, BatchSize = 9000, LearningRate = -1, ModelSize = 5, ImageSize = 2, CheckpointEverySteps = 0 };
        var shared = new Dictionary<string, string>();
        TrainingSettingsRules.Validate(bad.Epochs, bad.BatchSize, bad.LearningRate, bad.ModelSize, bad.ImageSize, bad.CheckpointEverySteps, null,
            (field, message) => shared[field] = message);
        var error = await Should.ThrowAsync<MlValidationException>(async () => await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TabularClassification,
            Table = TestData.Table(50, regression: false),
            TimeBudget = TimeSpan.FromSeconds(10),
            Settings = bad,
        }, TestContext.Current.CancellationToken));
        error.Errors.ToDictionary(e => e.Key, e => e.Value.Single()).ShouldBe(shared, ignoreOrder: true);
        shared.Count.ShouldBe(6);
    }
}
