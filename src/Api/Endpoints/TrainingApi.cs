using System.Text.Json;
using Platform.Api.Datasets;
using Platform.Api.Runs;

namespace Platform.Api.Endpoints;

/// <summary>Train: what a version proposes, and starting a run that trains on it.</summary>
public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().WithTags("Training");
        group.MapGet("/datasets/{datasetId:guid}/versions/{number:int}/training-proposal", Proposal);
        group.MapPost("/runs", Start).RequireWorkspaceRole(WorkspaceRole.Member);
        return app;
    }

    private static async Task<Results<Ok<TrainingProposalDto>, ProblemHttpResult>> Proposal(
        Guid datasetId, int number, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, datasetId, ct);
        var version = dataset is null ? null : await db.FindVersionAsync(member, datasetId, number, ct);
        return version is null ? Problems.NotFound("The dataset version") : TypedResults.Ok(TrainingProposals.For(dataset!, version));
    }

    private static async Task<Results<Accepted<RunDto>, ValidationProblem, ProblemHttpResult>> Start(
        StartTrainingRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, ResourceEvents events,
        TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var budget = request.TimeBudgetMinutes ?? TrainingProposals.DefaultBudgetMinutes;
        if (double.IsNaN(budget) || budget < 0.1 || budget > 7 * 24 * 60)
            validation.Add("timeBudgetMinutes", "The time budget must be between 0.1 minutes and 7 days (10080 minutes).");
        if (request.Settings is { } settings) TrainingSettingsRules.Validate(settings, (field, message) => validation.Add(field, message));
        if (request.Name is not null) validation.Require("name", request.Name.Trim(), Run.MaxNameLength, "Name");
        validation.CheckPriority(request.Priority);
        if (!validation.IsValid) return validation.Problem();

        var (target, invalid, problem) = await TrainingTargets.ResolveAsync(db, member, request.DatasetId, request.Version, request.Template,
            request.ExperimentId, clock, ct);
        if (invalid is not null) return invalid;
        if (problem is not null) return problem;
        var (dataset, version, template, experiment) = target!;

        var now = clock.GetUtcNow();
        var queue = await TrainingRuns.DeviceQueueAsync(db, now, ct);
        var plan = new TrainingPlan(template, JsonSerializer.Serialize(request.Settings ?? new TrainingSettingsDto(), PlatformClient.Json),
            version.Id, budget * 60, queue, TrainingRuns.CodeVersion, request.Priority);
        var name = request.Name?.Trim() is { Length: > 0 } given ? given : $"{dataset.Name} v{version.Number} · {template}";
        var (run, operation) = TrainingRuns.Add(db, member.WorkspaceId, experiment.Id, name, member.UserId, now, plan, request.Settings);
        db.Audit(clock, AuditActions.RunStarted, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct),
            $"{dataset.Name} v{version.Number}", $"run {run.Id} ({template}, {budget:0.#} min, queue {queue})");
        await db.SaveChangesAsync(ct);
        await starter.EnqueueAsync(operation, ct);
        await events.RunChangedAsync(run, ct);
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/runs/{run.Id}", await db.ToDetailAsync(run, ct));
    }
}
