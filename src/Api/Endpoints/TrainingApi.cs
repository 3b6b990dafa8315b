using System.Reflection;
using System.Text.Json;
using Platform.Api.Datasets;
using Platform.Api.Runs;

namespace Platform.Api.Endpoints;

/// <summary>Train: what a version proposes, and starting a run that trains on it.</summary>
public static class TrainingApi
{
    private static readonly string CodeVersion = (typeof(TrainingApi).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown") is var v && v.Length > 64 ? v[..64] : v;

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
        if (!validation.IsValid) return validation.Problem();

        var dataset = await db.FindDatasetAsync(member, request.DatasetId, ct);
        var version = dataset is null ? null : await db.FindVersionAsync(member, request.DatasetId, request.Version, ct);
        if (version is null) return Problems.NotFound("The dataset version");
        if (dataset!.IsDeleted) return Problems.Conflict("The dataset is deleted; restore it to train on it.");
        var proposal = TrainingProposals.For(dataset, version);
        var template = request.Template ?? proposal.Template;
        if (template is null) return validation.Add("template", proposal.Reason).Problem();
        if (!proposal.Templates.Contains(template))
            return validation.Add("template", TrainingTemplates.Find(template) is { } known
                ? $"Template '{template}' trains on {Dataset.Describe(known.Kind)}; this version holds {Dataset.Describe(version.Kind)}."
                    + (proposal.Templates.Count > 0 ? $" Use {string.Join(" or ", proposal.Templates)}." : "")
                : $"Unknown template '{template}'. Known templates: {string.Join(", ", TrainingTemplates.All.Select(t => t.Name))}.").Problem();
        if (proposal.Template is null) return validation.Add("template", proposal.Reason).Problem();

        var experiment = request.ExperimentId is { } experimentId
            ? await db.FindExperimentAsync(member, experimentId, ct)
            : await db.DefaultExperimentAsync(member, clock, ct);
        if (experiment is null) return Problems.NotFound("The experiment");
        if (experiment.IsDeleted) return Problems.Conflict("The experiment is deleted; restore it or choose another.");

        var now = clock.GetUtcNow();
        var queue = await HasGpuWorkerAsync(db, now, ct) ? OperationQueues.Gpu : OperationQueues.Cpu;
        var plan = new TrainingPlan(template, JsonSerializer.Serialize(request.Settings ?? new TrainingSettingsDto(), PlatformClient.Json),
            version.Id, budget * 60, queue, CodeVersion);
        var name = request.Name?.Trim() is { Length: > 0 } given ? given : $"{dataset.Name} v{version.Number} · {template}";
        var run = Run.ForTraining(member.WorkspaceId, experiment.Id, name.Length > Run.MaxNameLength ? name[..Run.MaxNameLength] : name,
            member.UserId, now, plan);
        var operation = new Operation(member.WorkspaceId, OperationKinds.TrainModel, member.UserId, now, run.Id, queue: OperationQueues.Training(queue));
        run.AttachOperation(operation.Id);
        db.Runs.Add(run);
        db.Operations.Add(operation);
        db.Audit(clock, AuditActions.RunStarted, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct),
            $"{dataset.Name} v{version.Number}", $"run {run.Id} ({template}, {budget:0.#} min, queue {queue})");
        await db.SaveChangesAsync(ct);
        await starter.EnqueueAsync(operation, ct);
        await events.RunChangedAsync(run, ct);
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/runs/{run.Id}", await db.ToDetailAsync(run, ct));
    }

    /// <summary>A run asks for the gpu queue only when a worker that serves it, with a GPU, is online; otherwise it would wait forever.</summary>
    private static async Task<bool> HasGpuWorkerAsync(PlatformDb db, DateTimeOffset now, CancellationToken ct)
    {
        var recent = now - Worker.OfflineAfter;
        var workers = await db.Workers.AsNoTracking().Where(w => w.StoppedAt == null && w.LastHeartbeatAt > recent && w.GpuCount > 0).ToListAsync(ct);
        return workers.Any(w => w.Queues.Split(',').Contains(OperationQueues.Gpu));
    }
}
