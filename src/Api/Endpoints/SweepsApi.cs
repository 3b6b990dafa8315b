using System.Text.Json;
using Platform.Api.Runs;

namespace Platform.Api.Endpoints;

/// <summary>Sweeps: a search over training settings whose trials run as child runs, judged by successive halving.</summary>
public static class SweepsApi
{
    public static IEndpointRouteBuilder MapSweepsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().WithTags("Sweeps");
        group.MapPost("/sweeps", Start).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/sweeps/{id:guid}", Get);
        group.MapPost("/sweeps/{id:guid}/cancel", Cancel).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/experiments/{experimentId:guid}/sweeps", List);
        return app;
    }

    private static async Task<Results<Accepted<SweepDto>, ValidationProblem, ProblemHttpResult>> Start(
        StartSweepRequest request, WorkspaceMember member, PlatformDb db, OperationStarter starter, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var budget = request.TrialBudgetMinutes ?? 10;
        if (double.IsNaN(budget) || budget < 0.1 || budget > 24 * 60)
            validation.Add("trialBudgetMinutes", "Each trial's time budget must be between 0.1 minutes and a day (1440 minutes).");
        if (request.Name is not null) validation.Require("name", request.Name.Trim(), Run.MaxNameLength, "Name");
        validation.CheckPriority(request.Priority);
        SweepSpace.Validate(request, (field, message) => validation.Add(field, message));
        if (request.BaseSettings is { } baseSettings) TrainingSettingsRules.Validate(baseSettings, (field, message) => validation.Add(field, message));
        if (!validation.IsValid) return validation.Problem();
        var trials = SweepSpace.Expand(request);
        foreach (var (trial, i) in trials.Select((t, i) => (t, i)))
            TrainingSettingsRules.Validate(trial, (field, message) => validation.Add("parameters", $"Trial {i + 1}: {message}"));
        if (!validation.IsValid) return validation.Problem();

        var (target, invalid, problem) = await TrainingTargets.ResolveAsync(db, member, request.DatasetId, request.Version, request.Template,
            request.ExperimentId, clock, ct);
        if (invalid is not null) return invalid;
        if (problem is not null) return problem;
        var regression = target!.Template == TrainingTemplates.TabularRegression;
        var name = request.Name?.Trim() is { Length: > 0 } given ? given
            : $"Sweep of {string.Join(", ", request.Parameters.Select(p => p.Name))} on {target.Dataset.Name} v{target.Version.Number}";
        var sweep = new Sweep(member.WorkspaceId, target.Experiment.Id, name.Length > Run.MaxNameLength ? name[..Run.MaxNameLength] : name,
            target.Version.Id, target.Template, request.Method, JsonSerializer.Serialize(request, PlatformClient.Json),
            JsonSerializer.Serialize(trials, PlatformClient.Json), trials.Count, request.Parallelism, regression ? "val_rmse" : "val_accuracy",
            maximize: !regression, request.EarlyStopping, budget * 60, member.UserId, clock.GetUtcNow(), request.Priority);
        db.Sweeps.Add(sweep);
        var operation = await starter.StartAsync(member, OperationKinds.RunSweep, sweep.Id, null, ct,
            (AuditActions.SweepStarted, $"{target.Dataset.Name} v{target.Version.Number}"));
        sweep.AttachOperation(operation.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/sweeps/{sweep.Id}", await SweepViews.ToDtoAsync(db, sweep, ct));
    }

    private static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var sweep = await db.Sweeps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.WorkspaceId == member.WorkspaceId, ct);
        return sweep is null ? Problems.NotFound("The sweep") : TypedResults.Ok(await SweepViews.ToDtoAsync(db, sweep, ct));
    }

    private static async Task<Results<Ok<Page<SweepDto>>, ProblemHttpResult>> List(
        Guid experimentId, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindExperimentAsync(member, experimentId, ct) is null) return Problems.NotFound("The experiment");
        var page = await db.Sweeps.AsNoTracking().Where(s => s.ExperimentId == experimentId && s.WorkspaceId == member.WorkspaceId)
            .ToPageAsync(cursor, limit, s => s.Id, newestFirst: true, ct);
        var items = new List<SweepDto>();
        foreach (var sweep in page.Items) items.Add(await SweepViews.ToDtoAsync(db, sweep, ct));
        return TypedResults.Ok(new Page<SweepDto>(items, page.NextCursor));
    }

    /// <summary>Cancels the sweep's operation; the sweep then cancels its queued and running trials.</summary>
    private static async Task<Results<Ok<SweepDto>, ProblemHttpResult>> Cancel(
        Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var sweep = await db.Sweeps.SingleOrDefaultAsync(s => s.Id == id && s.WorkspaceId == member.WorkspaceId, ct);
        if (sweep is null) return Problems.NotFound("The sweep");
        if (sweep.IsFinished) return Problems.Conflict($"The sweep has already {sweep.Status.ToString().ToLowerInvariant()}.");
        var operation = await db.Operations.SingleAsync(o => o.Id == sweep.OperationId, ct);
        if (!operation.IsFinished) operation.Cancel(clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("The sweep changed meanwhile; read it again."); }
        await events.OperationChangedAsync(operation, ct);
        return TypedResults.Ok(await SweepViews.ToDtoAsync(db, sweep, ct));
    }
}
