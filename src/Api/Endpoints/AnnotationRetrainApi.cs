using Platform.Contracts.Jobs;

namespace Platform.Api.Endpoints;

/// <summary>
/// Retrain: the labeling loop. The labels so far become a new dataset version, a training run starts on it in the
/// project's experiment (which registers each run's model under the project's name), and the worker pre-labels the
/// open items with that model once the run succeeds. Maintainers and Owners.
/// </summary>
public static class AnnotationRetrainApi
{
    public const double DefaultBudgetMinutes = 5;

    public static RouteGroupBuilder MapAnnotationRetrainApi(this RouteGroupBuilder projects)
    {
        projects.MapPost("/{id:guid}/retrain", Retrain).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        return projects;
    }

    public static string ExperimentName(AnnotationProject project) => $"Annotation · {project.Name}";

    private static async Task<Results<Accepted<OperationDto>, ValidationProblem, ProblemHttpResult>> Retrain(
        Guid id, RetrainRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var budget = request.TimeBudgetMinutes ?? DefaultBudgetMinutes;
        if (double.IsNaN(budget) || budget < 0.1 || budget > 24 * 60) validation.Add("timeBudgetMinutes", "The time budget must be between 0.1 and 1,440 minutes.");
        if (request.Settings is { } settings) TrainingSettingsRules.Validate(settings, (field, message) => validation.Add(field, message));
        if (!validation.IsValid) return validation.Problem();
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        if (project.IsDetection) return validation.Add("projectId", "Retraining trains a classifier; a box project cannot be retrained here yet.").Problem();
        if (await db.Datasets.AnyAsync(d => d.Id == project.DatasetId && d.DeletedAt != null, ct))
            return Problems.Conflict("The project's dataset is deleted; restore it first.");

        var now = clock.GetUtcNow();
        var name = ExperimentName(project);
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.WorkspaceId == member.WorkspaceId && e.Name == name, ct);
        if (experiment is { IsDeleted: true }) return Problems.Conflict($"The experiment '{name}' is deleted; restore it or rename the project.");
        if (experiment is null)
        {
            experiment = new Experiment(member.WorkspaceId, name, $"Models retrained on the labels of annotation project {project.Name}.", member.UserId, now);
            db.Experiments.Add(experiment);
        }
        experiment.RegisterRunsAs(project.Name, now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Problems.Conflict("Another retrain of this project is starting; try again in a moment."); }
        var operation = await starter.StartAsync(member, OperationKinds.FinishAnnotation, project.DatasetId,
            new FinishAnnotationPayload(project.Id, IncludeUnreviewed: true, new RetrainPlan(experiment.Id, budget * 60, request.Settings)), ct,
            ("annotation.retrain-started", project.Name));
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }
}
