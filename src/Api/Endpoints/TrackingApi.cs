using Platform.Api.Runs;
using Platform.Api.Tracking;

namespace Platform.Api.Endpoints;

/// <summary>
/// Tracking for code that runs elsewhere (docs/tracking.md): create a run in an experiment, log metrics, params and
/// tags in batches, end it. Such runs are ordinary runs of the experiment; their files are in <see cref="RunArtifactsApi"/>.
/// </summary>
public static class TrackingApi
{
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().WithTags("Tracking").RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapPost("/experiments/{experimentId:guid}/runs", Create);
        group.MapPost("/runs/{id:guid}/batch", LogBatch).WithJsonBodyLimit(TrackingLimits.MaxBatchBodyBytes);
        group.MapPost("/runs/{id:guid}/end", End);
        return app;
    }

    private static async Task<Results<Created<RunDto>, ValidationProblem, ProblemHttpResult>> Create(
        Guid experimentId, CreateTrackedRunRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (request.Name is not null) validation.Require("name", request.Name, Run.MaxNameLength, "Name");
        var experiment = await db.FindExperimentAsync(member, experimentId, ct);
        if (experiment is null) return Problems.NotFound("The experiment");
        if (experiment.IsDeleted) return Problems.Conflict("The experiment is deleted; restore it before logging runs to it.");
        var now = clock.GetUtcNow();
        var name = request.Name?.Trim() ?? $"run-{Guid.NewGuid():N}"[..12];
        var run = Run.ForTracking(member.WorkspaceId, experiment.Id, name, member.UserId, request.StartedAt ?? now);
        var batch = TrackingBatch.Read(run.Id, null, request.Params, request.Tags, now, validation);
        if (batch is null || !validation.IsValid) return validation.Problem();
        // Saved with its params and tags in one transaction.
        db.Runs.Add(run);
        await new RunBatchWriter(db, events).WriteAsync(run, batch, ct);
        await events.RunChangedAsync(run, ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/runs/{run.Id}", await db.ToDetailAsync(run, ct));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> LogBatch(
        Guid id, LogBatchRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var (run, problem) = await TrackedRuns.FindWritableAsync(db, member, id, ct);
        if (run is null) return problem!;
        var validation = new Validation();
        var batch = TrackingBatch.Read(run.Id, request.Metrics, request.Params, request.Tags, clock.GetUtcNow(), validation);
        if (batch is null) return validation.Problem();
        try
        {
            await new RunBatchWriter(db, events).WriteAsync(run, batch, ct);
        }
        catch (ParamChangedException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RunDto>, ValidationProblem, ProblemHttpResult>> End(
        Guid id, EndRunRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (request.Status is not (RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled))
            validation.Add("status", "A run ends as Succeeded, Failed or Cancelled.");
        if (request.Message is { Length: > Run.MaxMessageLength }) validation.Add("message", $"The message must be at most {Run.MaxMessageLength} characters.");
        if (!validation.IsValid) return validation.Problem();
        var (run, problem) = await TrackedRuns.FindWritableAsync(db, member, id, ct);
        if (run is null) return problem!;
        run.EndTracked(request.Status, string.IsNullOrWhiteSpace(request.Message) ? null : request.Message, request.FinishedAt ?? clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The run was ended by another request meanwhile.");
        }
        await events.RunChangedAsync(run, ct);
        return TypedResults.Ok(await db.ToDetailAsync(run, ct));
    }
}
