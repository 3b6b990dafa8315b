using System.Diagnostics;
using Platform.Ml.Templates;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Ml.Engine;

/// <summary>
/// One training run: the step loop with a one-cycle schedule over the fraction of the budget used, periodic
/// validation with best-weights tracking and early stopping, checkpoints, and the final evaluation.
/// </summary>
internal sealed partial class TrainingRun : IDisposable
{
    private const int Patience = 10;
    private readonly TrainingRequest request;
    private readonly ITemplate template;
    private readonly PreparedTask task;
    private readonly Stopwatch clock;
    private readonly CancellationToken ct;
    private readonly Device device;
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly OptimizerHelper optimizer;
    private readonly CheckpointState state;
    private readonly int batchSize;
    private readonly int stepsPerEpoch;
    private readonly int logEvery;
    private readonly int evaluateEvery;
    private readonly double reserveSeconds;
    private byte[]? bestWeights;
    private Tensor? order;
    private int orderEpoch = -1;
    private string? stopReason;

    public TrainingRun(TrainingRequest request, ITemplate template, PreparedTask task, Stopwatch clock, CancellationToken ct)
    {
        this.request = request;
        this.template = template;
        this.task = task;
        this.clock = clock;
        this.ct = ct;
        device = torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        var seed = request.Settings.Seed ?? 1234;
        torch.manual_seed(seed);
        model = template.CreateModel(task.Manifest, device);
        var h = task.Hyperparameters;
        optimizer = h.Sgd
            ? torch.optim.SGD(model.parameters(), h.PeakLearningRate, momentum: 0.9, weight_decay: h.WeightDecay, nesterov: true)
            : torch.optim.AdamW(model.parameters(), h.PeakLearningRate, weight_decay: h.WeightDecay);
        batchSize = Math.Max(1, Math.Min(h.BatchSize, task.Train.Count));
        stepsPerEpoch = Math.Max(1, task.Train.Count / batchSize);
        logEvery = Math.Clamp(stepsPerEpoch, 1, 50);
        evaluateEvery = Math.Max(stepsPerEpoch, 25);
        var fingerprint = DataFingerprint.Of(task);
        state = new CheckpointState { Template = template.Name, TemplateVersion = template.Version, Seed = seed, DataFingerprint = fingerprint };
        if (request.ResumeFrom is { } resume)
        {
            using var reader = new BinaryReader(resume, System.Text.Encoding.UTF8, leaveOpen: true);
            state = CheckpointFormat.ReadState(reader, template.Name, template.Version);
            if (state.DataFingerprint != fingerprint)
            {
                throw new MlValidationException("resumeFrom",
                    "The checkpoint was written for other data (other classes, items or input size); start a new run instead.");
            }

            bestWeights = CheckpointFormat.ReadTensors(reader, model, optimizer);
            Log($"Resuming at step {state.Step}, epoch {state.Epoch}.");
        }

        reserveSeconds = EstimateEvaluationSeconds();
        if (request.ResumeFrom is null)
        {
            var left = request.TimeBudget.TotalSeconds - clock.Elapsed.TotalSeconds - reserveSeconds;
            state.TrainBudgetSeconds = Math.Max(left, Math.Min(1, request.TimeBudget.TotalSeconds / 10));
            state.TotalSteps = request.Settings.Epochs * (long)stepsPerEpoch;
        }
    }

    public TrainingResult Run()
    {
        Log($"Training {template.Name} on {device.type}: {task.Train.Count} items, batch {batchSize}, {stepsPerEpoch} steps per epoch, "
            + $"{(state.TotalSteps is { } total ? $"{total} steps" : $"{state.TrainBudgetSeconds:0} s of training")}.");
        var trainClock = Stopwatch.StartNew();
        var secondsBefore = state.TrainSeconds;
        var lastCheckpoint = Stopwatch.StartNew();
        var checkpointInterval = request.Settings.CheckpointInterval ?? TimeSpan.FromMinutes(2);
        model.train();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            state.TrainSeconds = secondsBefore + trainClock.Elapsed.TotalSeconds;
            var fraction = Fraction();
            stopReason ??= fraction >= 1 ? (state.TotalSteps is null ? "time budget used" : "all epochs done")
                : clock.Elapsed.TotalSeconds + reserveSeconds >= request.TimeBudget.TotalSeconds ? "time budget used"
                : null;
            if (stopReason is not null)
            {
                break;
            }

            Step(LearningRate(fraction));
            if (state.Step % logEvery == 0)
            {
                Metric("train_loss", state.LossSum / Math.Max(1, state.LossCount));
                Metric("learning_rate", LearningRate(fraction));
                state.LossSum = 0;
                state.LossCount = 0;
                Report(fraction);
            }

            if (state.Step % evaluateEvery == 0)
            {
                Validate(fraction);
            }

            if ((request.Settings.CheckpointEverySteps is { } every && state.Step % every == 0) || lastCheckpoint.Elapsed >= checkpointInterval)
            {
                EmitCheckpoint();
                lastCheckpoint.Restart();
            }
        }

        if (state.Step % evaluateEvery != 0)
        {
            Validate(Fraction());
        }

        Log($"Training stopped at step {state.Step} (epoch {state.Epoch}): {stopReason}.");
        return Finish();
    }

    private double Fraction() => state.TotalSteps is { } total
        ? (double)state.Step / total
        : state.TrainSeconds / state.TrainBudgetSeconds;

    private double LearningRate(double fraction)
    {
        var h = task.Hyperparameters;
        var warmup = h.WarmupFraction;
        return fraction < warmup
            ? h.PeakLearningRate * (0.1 + (0.9 * fraction / warmup))
            : h.PeakLearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, (fraction - warmup) / (1 - warmup))));
    }

    private void Step(double learningRate)
    {
        if (state.BatchInEpoch >= stepsPerEpoch)
        {
            state.Epoch++;
            state.BatchInEpoch = 0;
        }

        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        using var scope = torch.NewDisposeScope();
        // Seeding per step makes augmentation and dropout a function of the step, so a resumed run repeats them.
        torch.manual_seed((state.Seed * 1_000_003L) + state.Step);
        var indexes = Order().narrow(0, state.BatchInEpoch * batchSize, batchSize);
        var input = template.ToModelInput(task.Manifest, task.Train.X.index_select(0, indexes), training: true, device);
        var target = task.Train.Y.index_select(0, indexes).to(device);
        var output = model.forward(input).to(ScalarType.Float32);
        var loss = task.Regression
            ? nn.functional.mse_loss(output.squeeze(1), target)
            : nn.functional.cross_entropy(output, target, label_smoothing: task.Hyperparameters.LabelSmoothing);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        state.LossSum += loss.item<float>();
        state.LossCount++;
        state.Step++;
        state.BatchInEpoch++;
    }

    /// <summary>The data order of the current epoch: a permutation seeded by the run's seed and the epoch.</summary>
    private Tensor Order()
    {
        if (order is null || orderEpoch != state.Epoch)
        {
            var permutation = Enumerable.Range(0, task.Train.Count).ToArray();
            new Random((state.Seed * 7919) + state.Epoch).Shuffle(permutation);
            order?.Dispose();
            order = torch.tensor(permutation, ScalarType.Int32).DetachFromDisposeScope();
            orderEpoch = state.Epoch;
        }

        return order;
    }

    public void Dispose()
    {
        model.Dispose();
        optimizer.Dispose();
        order?.Dispose();
    }
}
