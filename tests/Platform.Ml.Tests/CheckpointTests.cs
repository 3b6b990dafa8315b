using Platform.Ml.Samples;

namespace Platform.Ml.Tests;

public class CheckpointTests
{
    private static TrainingRequest TabularRun(Recorder recorder, Stream? resume) => new()
    {
        Template = MlTemplates.TabularClassification,
        Table = TestData.Table(800, regression: false),
        TimeBudget = TimeSpan.FromSeconds(60),
        Settings = new TrainingSettings { Epochs = 8, CheckpointEverySteps = 20, Seed = 5 },
        Callbacks = recorder.Callbacks,
        ResumeFrom = resume,
    };

    private static TrainingRequest ImageRun(Recorder recorder, Stream? resume = null) => new()
    {
        Template = MlTemplates.DefaultImage,
        Items = SampleImages.Create(perClass: 20, seed: 8),
        TimeBudget = TimeSpan.FromSeconds(60),
        Settings = new TrainingSettings { Epochs = 12, BatchSize = 32, CheckpointEverySteps = 10, Seed = 3 },
        Callbacks = recorder.Callbacks,
        ResumeFrom = resume,
    };

    [Fact]
    public Task AResumedTabularRunContinuesTheSameScheduleWithoutDuplicateMetrics() => ResumeMatches(TabularRun, 40);

    [Fact]
    public Task AResumedImageRunContinuesTheSameScheduleWithoutDuplicateMetrics() => ResumeMatches(ImageRun, 20);

    private static async Task ResumeMatches(Func<Recorder, Stream?, TrainingRequest> request, long stopAt)
    {
        var ct = TestContext.Current.CancellationToken;
        var full = new Recorder();
        var uninterrupted = await ModelTrainer.TrainAsync(request(full, null), ct);

        var first = new Recorder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        first.OnCheckpoint = (checkpoint, _) =>
        {
            if (checkpoint.Step == stopAt)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        };
        await Should.ThrowAsync<OperationCanceledException>(async () => await ModelTrainer.TrainAsync(request(first, null), stop.Token));
        var (step, content) = first.Checkpoints.Last();
        step.ShouldBe(stopAt);

        var second = new Recorder();
        var resumed = await ModelTrainer.TrainAsync(request(second, new MemoryStream(content)), ct);

        first.Metrics.ShouldAllBe(m => m.Step <= stopAt);
        second.Metrics.ShouldAllBe(m => m.Step > stopAt);
        var combined = first.Metrics.Concat(second.Metrics).ToList();
        combined.GroupBy(m => (m.Name, m.Step)).ShouldAllBe(g => g.Count() == 1);
        resumed.Steps.ShouldBe(uninterrupted.Steps);
        combined.Select(m => (m.Name, m.Step)).ShouldBe(full.Metrics.Select(m => (m.Name, m.Step)), ignoreOrder: true);
        foreach (var metric in second.Metrics.Where(m => m.Name is "train_loss" or "learning_rate" or "val_loss"))
        {
            metric.Value.ShouldBe(full.Metrics.Single(m => m.Name == metric.Name && m.Step == metric.Step).Value, 1e-4, metric.Name + " at step " + metric.Step);
        }

        resumed.Evaluation.Accuracy.ShouldBe(uninterrupted.Evaluation.Accuracy);
    }

    [Fact]
    public async Task ACheckpointFromAnotherTemplateIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var text = new Recorder();
        await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TextClassification,
            Items = TestData.Texts(perClass: 30),
            TimeBudget = TimeSpan.FromSeconds(30),
            Settings = new TrainingSettings { Epochs = 2, CheckpointEverySteps = 1 },
            Callbacks = text.Callbacks,
        }, ct);

        var error = await Should.ThrowAsync<MlValidationException>(async () =>
            await ModelTrainer.TrainAsync(TabularRun(new Recorder(), new MemoryStream(text.Checkpoints.First().Content)), ct));
        error.Errors["resumeFrom"][0].ShouldContain("text-classification");
    }

    [Fact]
    public async Task ACheckpointOfOtherDataIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var recorder = new Recorder();
        await ModelTrainer.TrainAsync(TabularRun(recorder, null) with { Settings = new TrainingSettings { Epochs = 1, CheckpointEverySteps = 5, Seed = 5 } }, ct);
        var checkpoint = recorder.Checkpoints.First().Content;

        var fewerRows = TabularRun(new Recorder(), new MemoryStream(checkpoint)) with { Table = TestData.Table(700, regression: false) };
        var error = await Should.ThrowAsync<MlValidationException>(async () => await ModelTrainer.TrainAsync(fewerRows, ct));
        error.Errors["resumeFrom"][0].ShouldContain("other data");
    }

    [Fact]
    public async Task ADamagedCheckpointIsRefused()
    {
        var error = await Should.ThrowAsync<MlValidationException>(async () =>
            await ModelTrainer.TrainAsync(TabularRun(new Recorder(), new MemoryStream([1, 2, 3, 4])), TestContext.Current.CancellationToken));
        error.Errors.Keys.ShouldContain("resumeFrom");
    }

    /// <summary>
    /// Cancelled from inside a metric callback, on the training thread, between two steps: the run must throw
    /// before another step reports anything. Counted in steps, not seconds, so a busy machine cannot fail it.
    /// </summary>
    [Fact]
    public async Task CancellingStopsTrainingBeforeTheNextStep()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var steps = new List<long>();
        long? cancelledAt = null;
        var run = ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.DefaultImage,
            Items = SampleImages.Create(perClass: 40, seed: 4),
            TimeBudget = TimeSpan.FromMinutes(5),
            Callbacks = new TrainingCallbacks
            {
                Metrics = new Sync<MetricPoint>(point =>
                {
                    steps.Add(point.Step);
                    if (cancelledAt is not null) return;
                    cancelledAt = point.Step;
                    cancel.Cancel();
                }),
            },
        }, cancel.Token);

        await Should.ThrowAsync<OperationCanceledException>(async () => await run);
        cancelledAt.ShouldNotBeNull();
        steps.ShouldAllBe(step => step <= cancelledAt, $"metrics after the cancel at step {cancelledAt}: {string.Join(", ", steps)}");
    }
}
