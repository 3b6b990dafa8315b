using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Annotation;

/// <summary>
/// The two steps of a retrain that follow the new version: a training run on it (started by the finish operation), and
/// once that run's model is registered, pre-labeling of the project's open items with it (started by the training job).
/// </summary>
public sealed class Retraining(PlatformDb db, IBackgroundJobClient jobs, ResourceEvents events, TimeProvider clock)
{
    /// <summary>Starts the run in the plan's experiment; returns the sentence the finish operation adds to its result.</summary>
    public async Task<string> StartRunAsync(AnnotationProject project, DatasetVersion version, RetrainPlan plan, Guid? startedBy, CancellationToken ct)
    {
        var template = project.Kind == AnnotationKind.TextClassification ? TrainingTemplates.TextClassification : TrainingTemplates.ImageCnn;
        var now = clock.GetUtcNow();
        var queue = await TrainingRuns.DeviceQueueAsync(db, now, ct);
        var trainingPlan = new TrainingPlan(template, JsonSerializer.Serialize(plan.Settings ?? new TrainingSettingsDto(), PlatformClient.Json),
            version.Id, plan.BudgetSeconds, queue, TrainingRuns.CodeVersion, RunPriority.Normal);
        var (run, operation) = TrainingRuns.Add(db, project.WorkspaceId, plan.ExperimentId, $"{project.Name} · retrain on v{version.Number}",
            startedBy, now, trainingPlan, plan.Settings);
        project.Retraining(run.Id, now);
        await db.SaveChangesAsync(ct);
        await jobs.EnqueueAsync(db, operation);
        await events.RunChangedAsync(run, ct);
        await events.AnnotationChangedAsync(project.WorkspaceId, project.Id, "retraining", CancellationToken.None);
        return $" Training run \"{run.Name}\" started; when it succeeds, its model pre-labels the open items.";
    }

    /// <summary>If <paramref name="run"/> is a project's retrain, starts pre-labeling with its registered version.</summary>
    public async Task<string> PrelabelAsync(Run run, ModelVersion version, CancellationToken ct)
    {
        var project = await db.AnnotationProjects.AsNoTracking().SingleOrDefaultAsync(p => p.RetrainRunId == run.Id && p.WorkspaceId == run.WorkspaceId, ct);
        if (project is null) return "";
        var operation = new Operation(run.WorkspaceId, OperationKinds.PrelabelAnnotation, run.CreatedBy, clock.GetUtcNow(), project.DatasetId,
            JsonSerializer.Serialize(new PrelabelPayload(project.Id, version.Id), PlatformClient.Json));
        db.Operations.Add(operation);
        await db.SaveChangesAsync(ct);
        await jobs.EnqueueAsync(db, operation);
        await events.OperationChangedAsync(operation, ct);
        return $" Pre-labeling annotation project {project.Name} with it.";
    }
}
