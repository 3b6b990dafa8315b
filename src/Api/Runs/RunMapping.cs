using System.Text.Json;

namespace Platform.Api.Runs;

public static class RunMapping
{
    public static ExperimentDto ToDto(this Experiment e, int runCount, DateTimeOffset? lastRunAt) =>
        new(e.Id, e.WorkspaceId, e.Name, e.Description, e.CreatedAt, e.UpdatedAt, e.IsDeleted, runCount, lastRunAt, e.RegisterModelAs);

    public static RunDto ToDto(this Run r, string experimentName, string? createdByEmail, RunDatasetDto? dataset, int? queuePosition,
        string? waitingReason = null) =>
        new(r.Id, r.WorkspaceId, r.ExperimentId, experimentName, r.Name, r.Source, r.Status, r.CreatedAt, r.StartedAt, r.FinishedAt,
            createdByEmail, r.Template, Settings(r), dataset, r.TimeBudgetSeconds / 60, r.Queue, queuePosition, r.CodeVersion,
            r.WorkerName, r.Attempts, r.Progress, r.Step, r.Epoch, r.RemainingSeconds, r.Message, r.CheckpointStep,
            r.ModelKey is not null, r.ModelBytes, r.EvaluationKey is not null, r.Score, r.IsDeleted, waitingReason, r.Priority);

    public static TrainingSettingsDto? Settings(Run run) =>
        run.SettingsJson is null ? null : JsonSerializer.Deserialize<TrainingSettingsDto>(run.SettingsJson, PlatformClient.Json);
}
