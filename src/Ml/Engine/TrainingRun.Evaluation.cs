using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Engine;

internal sealed partial class TrainingRun
{
    private void Validate(double fraction)
    {
        double metric;
        using (var output = Inference.Run(template, task.Manifest, model, task.Validation.X, flip: false, device, ct))
        {
            if (task.Regression)
            {
                var std = task.Manifest.Input.TargetStd ?? 1;
                var mean = task.Manifest.Input.TargetMean ?? 0;
                using var truth = (task.Validation.Y * std) + mean;
                using var error = output - truth;
                var rmse = Math.Sqrt(error.square().mean().item<float>());
                Metric("val_rmse", rmse);
                metric = -rmse;
            }
            else
            {
                using var logProbabilities = output.clamp_min(1e-12).log();
                using var nll = nn.functional.nll_loss(logProbabilities, task.Validation.Y);
                metric = Metrics.Accuracy(output, task.Validation.Y);
                Metric("val_loss", nll.item<float>());
                Metric("val_accuracy", metric);
            }
        }

        model.train();
        // A tie goes to the later weights: they have seen a lower learning rate, which generalizes better.
        if (metric >= state.BestMetric)
        {
            state.BestMetric = metric;
            state.BestStep = state.Step;
            state.EvaluationsSinceBest = 0;
            bestWeights = SaveWeights();
        }
        // Most of the gain of a cosine schedule comes while the learning rate anneals, so stop early only late in it.
        else if (++state.EvaluationsSinceBest >= Patience && fraction >= 0.75)
        {
            stopReason ??= $"no improvement on the validation split in {Patience} evaluations (early stopping)";
        }
    }

    private TrainingResult Finish()
    {
        if (bestWeights is not null && state.BestStep != state.Step)
        {
            Log($"Restoring the best weights from step {state.BestStep}.");
            using var stream = new MemoryStream(bestWeights);
            model.load(stream);
        }

        var manifest = task.Manifest;
        var flip = false;
        if (task.CanFlip)
        {
            using var plain = Inference.Run(template, manifest, model, task.Validation.X, flip: false, device, ct);
            using var flipped = Inference.Run(template, manifest, model, task.Validation.X, flip: true, device, ct);
            flip = Metrics.Accuracy(flipped, task.Validation.Y) > Metrics.Accuracy(plain, task.Validation.Y);
            Log(flip ? "Test-time flip helps on the validation split: on." : "Test-time flip does not help on the validation split: off.");
        }

        manifest = manifest with { Input = manifest.Input with { TestTimeFlip = flip } };
        var split = task.Test is null ? "validation" : "test";
        var data = task.Test ?? task.Validation;
        EvaluationReport report;
        using (var output = Inference.Run(template, manifest, model, data.X, flip, device, ct))
        {
            if (task.Regression)
            {
                var std = manifest.Input.TargetStd ?? 1;
                var mean = manifest.Input.TargetMean ?? 0;
                var truth = data.Y.data<float>().Select(v => (v * std) + mean).ToArray();
                report = Metrics.Regression(output, truth, data.Ids, split);
            }
            else
            {
                report = Metrics.Classification(output, data.Y, data.Ids, manifest.ClassNames, split, manifest.Task);
            }
        }

        var metrics = new Dictionary<string, double>();
        void Add(string name, double? value)
        {
            if (value is { } v)
            {
                metrics[$"{split}_{name}"] = v;
                Metric($"{split}_{name}", v);
            }
        }

        Add("accuracy", report.Accuracy);
        Add("mae", report.MeanAbsoluteError);
        Add("rmse", report.RootMeanSquaredError);
        Add("r2", report.RSquared);
        metrics["steps"] = state.Step;
        var epochs = state.Epoch + ((double)state.BatchInEpoch / stepsPerEpoch);
        metrics["epochs"] = epochs;
        manifest = manifest with { Metrics = metrics, CreatedAt = DateTimeOffset.UtcNow };
        Report(1);
        Log($"Evaluation on the {split} split ({report.Count} items): "
            + (report.Accuracy is { } a ? $"accuracy {a:0.0000}." : $"RMSE {report.RootMeanSquaredError:0.####}, R² {report.RSquared:0.0000}."));
        return new TrainingResult(new ModelPackage(manifest, SaveWeights()), report, state.Step, epochs, stopReason ?? "done");
    }

    private byte[] SaveWeights()
    {
        using var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }

    private void EmitCheckpoint()
    {
        if (request.Callbacks.Checkpoint is not { } callback)
        {
            return;
        }

        using var stream = CheckpointFormat.Write(state, model, optimizer, bestWeights);
        callback(new TrainingCheckpoint(state.Step, state.Epoch, stream), ct).GetAwaiter().GetResult();
    }

    /// <summary>Times inference on a few validation batches to reserve time for the final evaluation.</summary>
    private double EstimateEvaluationSeconds()
    {
        var sample = task.Validation.X.narrow(0, 0, Math.Min(task.Validation.Count, 256));
        using (var warmup = Inference.Run(template, task.Manifest, model, sample, flip: false, device, ct))
        {
        }

        var watch = Stopwatch.StartNew();
        using (var timed = Inference.Run(template, task.Manifest, model, sample, flip: false, device, ct))
        {
        }

        var perItem = watch.Elapsed.TotalSeconds / Math.Max(1, sample.shape[0]);
        var flipFactor = task.CanFlip ? 2 : 1;
        var items = (task.Validation.Count * (1 + (2 * flipFactor))) + ((task.Test?.Count ?? 0) * flipFactor);
        model.train();
        return (perItem * items * 1.5) + 0.5;
    }

    private void Metric(string name, double value) =>
        request.Callbacks.Metrics?.Report(new MetricPoint(state.Step, state.Epoch, name, value));

    private void Log(string line) => request.Callbacks.Log?.Report(line);

    private void Report(double fraction)
    {
        var elapsed = clock.Elapsed;
        var remaining = state.TotalSteps is null
            ? request.TimeBudget - elapsed
            : TimeSpan.FromSeconds(fraction <= 0 ? 0 : state.TrainSeconds * (1 - fraction) / fraction);
        request.Callbacks.Progress?.Report(new TrainingProgress(Math.Clamp(fraction, 0, 1), state.Step, state.Epoch,
            elapsed, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining));
    }
}
