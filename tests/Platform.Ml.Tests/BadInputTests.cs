using Platform.Ml.Samples;

namespace Platform.Ml.Tests;

public class BadInputTests
{
    private static async Task<MlValidationException> Rejected(TrainingRequest request) =>
        await Should.ThrowAsync<MlValidationException>(async () => await ModelTrainer.TrainAsync(request, TestContext.Current.CancellationToken));

    private static TrainingRequest Images(IReadOnlyList<MlItem> items, TrainingSettings? settings = null) => new()
    {
        Template = MlTemplates.DefaultImage,
        Items = items,
        TimeBudget = TimeSpan.FromSeconds(30),
        Settings = settings ?? new TrainingSettings { Epochs = 1 },
    };

    private static MlItem Bytes(string id, byte[] content, string label, MlSplit split = MlSplit.Train) =>
        new(id, () => new MemoryStream(content), label, split);

    [Fact]
    public async Task AnEmptyDatasetIsRejected()
    {
        var error = await Rejected(Images([]));
        error.Errors["items"].ShouldContain(m => m.Contains("empty"));
    }

    [Fact]
    public async Task ASingleClassIsRejected()
    {
        var items = SampleImages.Create(perClass: 5).Where(i => i.Label == "disc").ToList();
        var error = await Rejected(Images(items));
        error.Errors["items"].ShouldContain(m => m.Contains("two classes"));
    }

    [Fact]
    public async Task AClassWithoutTrainingItemsIsRejected()
    {
        var items = SampleImages.Create(perClass: 6, testEvery: 0).ToList();
        items.Add(Bytes("only-in-test", TestData.ReadAll(items[0]), "unseen", MlSplit.Test));
        var error = await Rejected(Images(items));
        error.Errors["items"].ShouldContain("Class 'unseen' has no training items.");
    }

    [Fact]
    public async Task CorruptAndEmptyImagesAreNamedInTheError()
    {
        var items = SampleImages.Create(perClass: 6).ToList();
        items.Add(Bytes("garbage", [1, 2, 3, 4, 5, 6, 7, 8], "disc"));
        items.Add(Bytes("empty", [], "circle", MlSplit.Test));
        var error = await Rejected(Images(items));
        error.Errors["items"].ShouldContain("Item 'garbage' is not a readable image.");
        error.Errors["items"].ShouldContain("Item 'empty' is an empty file.");
    }

    [Fact]
    public async Task NaNOrTextInANumericColumnIsRejected()
    {
        var table = TestData.Table(200, regression: false);
        var rows = table.Rows.ToList();
        rows[3] = rows[3] with { Values = ["NaN", .. rows[3].Values.Skip(1)] };
        rows[7] = rows[7] with { Values = ["seven", .. rows[7].Values.Skip(1)] };
        var error = await Rejected(new TrainingRequest
        {
            Template = MlTemplates.TabularClassification,
            Table = table with { Rows = rows },
            TimeBudget = TimeSpan.FromSeconds(30),
        });
        error.Errors["table.columns.x1"].Length.ShouldBe(2);
        error.Errors["table.columns.x1"].ShouldContain(m => m.Contains("'r7'") && m.Contains("'seven'"));
    }

    [Fact]
    public async Task ANonNumericRegressionTargetIsRejected()
    {
        var error = await Rejected(new TrainingRequest
        {
            Template = MlTemplates.TabularRegression,
            Table = TestData.Table(50, regression: false),
            TimeBudget = TimeSpan.FromSeconds(30),
        });
        error.Errors.Keys.ShouldContain("table.columns.y");
    }

    [Fact]
    public async Task AZeroBudgetAnUnknownTemplateAndBadSettingsGetAMessageEach()
    {
        var error = await Rejected(new TrainingRequest
        {
            Template = "image-magic",
            Items = SampleImages.Create(perClass: 2),
            TimeBudget = TimeSpan.Zero,
            Settings = new TrainingSettings { BatchSize = 0, LearningRate = double.NaN, ImageSize = 4, Epochs = -1, ModelSize = 9 },
        });
        error.Errors.Keys.ShouldBe(
            ["template", "timeBudget", "settings.epochs", "settings.batchSize", "settings.learningRate", "settings.modelSize", "settings.imageSize"],
            ignoreOrder: true);
        error.Errors["template"][0].ShouldContain(MlTemplates.DefaultImage);
    }

    [Fact]
    public async Task ATableTemplateWithoutATableIsRejected()
    {
        var error = await Rejected(new TrainingRequest
        {
            Template = MlTemplates.TabularClassification,
            Items = SampleImages.Create(perClass: 2),
            TimeBudget = TimeSpan.FromSeconds(10),
        });
        error.Errors.Keys.ShouldContain("table");
    }
}
