using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Jobs.Operations;
using Platform.Jobs.Workers;
using Platform.Ml;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;
using Platform.Storage.Objects;
using Platform.Storage.Registry;

namespace Platform.Jobs.Training;

/// <summary>
/// Trains a run on its dataset version with the core: metrics, log and progress stream to the database as it goes,
/// checkpoints to the object store; a run picked up again (after a crash or restart) resumes from its last checkpoint.
/// The model package and the evaluation are stored as the run's artifacts.
/// </summary>
public sealed class TrainModelHandler(
    PlatformDb db, IObjectStore store, BlobStore blobs, ResourceEvents events, WorkerIdentity worker, IServiceScopeFactory scopes,
    ModelRegistration registration, Annotation.Retraining retraining, IOptions<TrainingOptions> options, TimeProvider clock,
    ILogger<TrainModelHandler> logger) : IOperationHandler
{
    public string Kind => OperationKinds.TrainModel;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var run = await db.Runs.SingleAsync(r => r.Id == operation.SubjectId && r.WorkspaceId == operation.WorkspaceId, ct);
        if (run.IsFinished) return $"The run had already {run.Status.ToString().ToLowerInvariant()}.";
        // Hangfire serves a queue first in, first out; a run that others outrank steps back until they have started.
        if (run.Status == RunStatus.Queued && await db.Runs.AsNoTracking().Ahead(run).AnyAsync(ct))
            throw new OperationDeferredException("Runs of higher priority wait on the same queue; they start first.");
        var token = await db.TakeAsync(run.Id, worker.Name, clock.GetUtcNow(), options.Value.Lease, ct)
            ?? throw new OperationDeferredException($"Worker {run.LeaseOwner} still holds the run's lease (until {run.LeaseExpiresAt:u}).");
        await db.Entry(run).ReloadAsync(ct);
        run.Start(worker.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await events.RunChangedAsync(run, ct);
        try
        {
            return await TrainAsync(run, new RunLease(run.Id, token, options.Value), ct);
        }
        catch (OperationCanceledException)
        {
            // A clean stop (the host shuts down, or a user cancels): the next worker need not wait for the lease to expire.
            await db.ReleaseAsync(run.Id, token, CancellationToken.None);
            throw;
        }
    }

    private async Task<string> TrainAsync(Run run, RunLease lease, CancellationToken ct)
    {
        await using var recorder = new RunRecorder(scopes, events, clock, logger, run.WorkspaceId, run.Id, lease);
        recorder.Line($"Run started on worker {worker.Name} (attempt {run.Attempts}).");
        await using var sampler = new ResourceSampler(recorder);
        var version = await db.DatasetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == run.DatasetVersionId, ct)
            ?? throw new DatasetNotTrainableException("The dataset version this run trains on no longer exists.");
        using var inputs = await TrainingInputs.ReadAsync(db, blobs, version, ct);
        if (inputs.LeftOutReason is { } leftOut) recorder.Line(leftOut);
        await using var resume = await ResumeAsync(run, recorder, ct);
        await using var uploader = new CheckpointUploader(store, scopes, recorder, logger, run.WorkspaceId, run.Id, lease.Token, run.CheckpointKey);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, recorder.Stopped);
        var request = new TrainingRequest
        {
            Template = run.Template!,
            TimeBudget = TimeSpan.FromSeconds(run.TimeBudgetSeconds ?? 1800),
            Items = inputs.Items,
            Table = inputs.Table,
            Settings = Settings(run),
            ResumeFrom = resume,
            Callbacks = new TrainingCallbacks
            {
                Metrics = recorder.Metrics, Log = recorder.Log, Progress = recorder.Progress, Checkpoint = uploader.Callback,
            },
        };
        var result = await TrainCoreAsync(request, sampler, stop.Token);
        ct.ThrowIfCancellationRequested();
        if (recorder.Stopped.IsCancellationRequested) throw new OperationCanceledException("The run is no longer this worker's.");

        var prefix = $"workspaces/{run.WorkspaceId:N}/runs/{run.Id:N}";
        var model = new MemoryStream();
        result.Model.WriteTo(model);
        model.Position = 0;
        await store.PutAsync($"{prefix}/model.zip", model, model.Length, "application/zip", ct);
        var evaluation = JsonSerializer.SerializeToUtf8Bytes(ToDto(result.Evaluation), PlatformClient.Json);
        await store.PutAsync($"{prefix}/evaluation.json", new MemoryStream(evaluation, writable: false), evaluation.Length, "application/json", ct);
        var score = result.Evaluation.Accuracy ?? result.Evaluation.RSquared;
        var message = $"Trained {result.Steps:N0} steps ({result.Epochs:0.##} epochs), stopped because {result.StopReason}; "
            + $"{result.Evaluation.Split} {(result.Evaluation.Accuracy is { } a ? $"accuracy {a:0.####}" : $"R² {result.Evaluation.RSquared:0.####}")}."
            + (inputs.LeftOut > 0 ? $" {inputs.LeftOutReason}" : "");
        recorder.Line(message);
        await recorder.FlushAsync();
        run.Succeed($"{prefix}/model.zip", model.Length, $"{prefix}/evaluation.json", score, result.Steps, message, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await events.RunChangedAsync(run, ct);
        return message + await RegisterIfAskedAsync(run, ct);
    }

    /// <summary>
    /// In an experiment that registers its runs' models, the succeeded run becomes the model's next version. The run has
    /// succeeded either way: a refusal (a limit, the store) goes to its log and the operation's message.
    /// </summary>
    private async Task<string> RegisterIfAskedAsync(Run run, CancellationToken ct)
    {
        var modelName = await db.Experiments.AsNoTracking().Where(e => e.Id == run.ExperimentId).Select(e => e.RegisterModelAs).SingleOrDefaultAsync(ct);
        if (modelName is null) return "";
        string line;
        try
        {
            var actor = run.CreatedBy is { } by ? await db.Users.FindAsync([by], ct) : null;
            var (model, version) = await registration.RegisterAsync(run, modelName, null,
                new Dictionary<string, string> { ["registered-by"] = "experiment" }, actor, ct);
            line = $"Registered as {model.Name} v{version.Number} (the experiment registers its runs' models)."
                + await retraining.PrelabelAsync(run, version, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Run {RunId} succeeded but was not registered as {Model}", run.Id, modelName);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList()) entry.State = EntityState.Detached;
            line = $"Not registered as {modelName}: {ex.Message}";
        }
        db.RunLogLines.Add(new RunLogLine(run.Id, clock.GetUtcNow(), line));
        await db.SaveChangesAsync(ct);
        await events.RunChangedAsync(run, ct);
        return " " + line;
    }

    /// <summary>A failed or cancelled operation ends its run the same way, with the reason in its log.</summary>
    public async Task OnEndedAsync(Operation operation, CancellationToken ct)
    {
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == operation.SubjectId && r.WorkspaceId == operation.WorkspaceId, ct);
        if (run is null || run.IsFinished) return;
        if (operation.State == OperationState.Failed) run.Fail(operation.Message ?? "Failed.", clock.GetUtcNow());
        else if (operation.State == OperationState.Cancelled) run.Cancel(clock.GetUtcNow());
        else return;
        db.RunLogLines.Add(new RunLogLine(run.Id, clock.GetUtcNow(), $"{run.Status}: {run.Message}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return; } // a user's cancel got there first
        await events.RunChangedAsync(run, ct);
    }

    private static async Task<TrainingResult> TrainCoreAsync(TrainingRequest request, ResourceSampler sampler, CancellationToken ct)
    {
        sampler.Start();
        try { return await ModelTrainer.TrainAsync(request, ct); }
        catch (MlValidationException e) { throw new DatasetNotTrainableException(string.Join(" ", e.Errors.SelectMany(f => f.Value))); }
    }

    /// <summary>The last checkpoint, if the run had one; metrics logged after it are dropped, as the resumed run logs them again.</summary>
    private async Task<Stream?> ResumeAsync(Run run, RunRecorder recorder, CancellationToken ct)
    {
        if (run.CheckpointKey is null || run.CheckpointStep is not { } step) return null;
        var stream = await store.TryOpenReadAsync(run.CheckpointKey, ct);
        if (stream is null)
        {
            recorder.Line("The last checkpoint is missing from the store; training starts over.");
            await db.RunMetrics.Where(m => m.RunId == run.Id).ExecuteDeleteAsync(ct);
            return null;
        }
        var copy = new MemoryStream();
        await using (stream) await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        var dropped = await db.RunMetrics.Where(m => m.RunId == run.Id && m.Step > step).ExecuteDeleteAsync(ct);
        recorder.Line($"Resuming from the checkpoint at step {step:N0}" + (dropped > 0 ? $" ({dropped:N0} metric points after it are logged again)." : "."));
        return copy;
    }

    private static TrainingSettings Settings(Run run)
    {
        var s = run.SettingsJson is null ? new TrainingSettingsDto() : JsonSerializer.Deserialize<TrainingSettingsDto>(run.SettingsJson, PlatformClient.Json)!;
        return new TrainingSettings
        {
            Epochs = s.Epochs, BatchSize = s.BatchSize, LearningRate = s.LearningRate, ModelSize = s.ModelSize, ImageSize = s.ImageSize,
            HorizontalFlip = s.HorizontalFlip, Seed = s.Seed, CheckpointEverySteps = s.CheckpointEverySteps,
            CheckpointInterval = s.CheckpointIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
    }

    private static EvaluationDto ToDto(EvaluationReport e) => new(e.Task, e.Split, e.Count, e.Accuracy,
        e.Classes.Select(c => new ClassMetricsDto(c.Name, c.Precision, c.Recall, c.F1, c.Support)).ToList(), e.ConfusionMatrix,
        e.WorstItems.Select(w => new WorstItemDto(w.Id, w.Label, w.Predicted, w.LabelProbability)).ToList(),
        e.MeanAbsoluteError, e.RootMeanSquaredError, e.RSquared)
    {
        Points = e.Points.Select(p => new RegressionPointDto(p.Id, p.Actual, p.Predicted)).ToList(),
        LargestErrors = e.LargestErrors.Select(p => new RegressionPointDto(p.Id, p.Actual, p.Predicted)).ToList(),
    };
}
