using Platform.Api.Mlflow;
using Platform.Api.Runs;

namespace Platform.Api.Endpoints;

/// <summary>Experiments of a workspace and the runs in each.</summary>
public static class ExperimentsApi
{
    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/experiments").WithTags("Experiments");
        group.MapGet("", List);
        group.MapPost("", Create).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapDelete("/{id:guid}", Delete).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapPost("/{id:guid}/restore", Restore).RequireWorkspaceRole(WorkspaceRole.Maintainer);
        group.MapGet("/{id:guid}/runs", Runs);
        return app;
    }

    private static async Task<Ok<Page<ExperimentDto>>> List(
        string? cursor, int? limit, bool? deleted, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var showDeleted = deleted ?? false;
        var page = await db.Experiments.AsNoTracking()
            .Where(e => e.WorkspaceId == member.WorkspaceId && (e.DeletedAt != null) == showDeleted)
            .ToPageAsync(cursor, limit, e => e.Id, newestFirst: true, ct);
        var ids = page.Items.Select(e => e.Id).ToList();
        var stats = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.ExperimentId) && r.DeletedAt == null)
            .GroupBy(r => r.ExperimentId)
            .Select(g => new { g.Key, Count = g.Count(), Last = g.Max(r => r.CreatedAt) })
            .ToDictionaryAsync(s => s.Key, ct);
        return TypedResults.Ok(new Page<ExperimentDto>(page.Items.Select(e => e.ToDto(
            stats.TryGetValue(e.Id, out var s) ? s.Count : 0, s?.Last)).ToList(), page.NextCursor));
    }

    private static async Task<Results<Created<ExperimentDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateExperimentRequest request, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = Check(request.Name, request.Description, nameRequired: true);
        if (!validation.IsValid) return validation.Problem();
        var name = request.Name.Trim();
        if (await db.Experiments.AnyAsync(e => e.WorkspaceId == member.WorkspaceId && e.Name == name, ct))
            return Taken(name);
        var experiment = new Experiment(member.WorkspaceId, name, Blank(request.Description), member.UserId, clock.GetUtcNow());
        db.Experiments.Add(experiment);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Taken(name); } // created by another request since the check
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/experiments/{experiment.Id}", experiment.ToDto(0, null));
    }

    private static async Task<Results<Ok<ExperimentDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var experiment = await db.FindExperimentAsync(member, id, ct);
        return experiment is null ? Problems.NotFound("The experiment") : TypedResults.Ok(await DetailAsync(db, experiment, ct));
    }

    private static async Task<Results<Ok<ExperimentDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateExperimentRequest request, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = Check(request.Name, request.Description, nameRequired: false);
        if (request.RegisterModelAs is { Length: > RegisteredModel.MaxNameLength })
            validation.Add("registerModelAs", $"A model name is at most {RegisteredModel.MaxNameLength} characters.");
        if (!validation.IsValid) return validation.Problem();
        var experiment = await db.FindExperimentAsync(member, id, ct);
        if (experiment is null) return Problems.NotFound("The experiment");
        if (request.Name is { } name && name.Trim() != experiment.Name)
        {
            if (await db.Experiments.AnyAsync(e => e.WorkspaceId == member.WorkspaceId && e.Name == name.Trim(), ct)) return Taken(name.Trim());
            experiment.Rename(name.Trim(), clock.GetUtcNow());
        }
        if (request.Description is not null) experiment.Describe(Blank(request.Description), clock.GetUtcNow());
        if (request.RegisterModelAs is not null) experiment.RegisterRunsAs(Blank(request.RegisterModelAs), clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Taken(experiment.Name); }
        return TypedResults.Ok(await DetailAsync(db, experiment, ct));
    }

    private static async Task<Results<Ok<ExperimentDto>, ProblemHttpResult>> Delete(
        Guid id, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var experiment = await db.FindExperimentAsync(member, id, ct);
        if (experiment is null) return Problems.NotFound("The experiment");
        if (await db.Runs.AnyAsync(r => r.ExperimentId == id && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running) && r.Source == RunSource.Training, ct))
            return Problems.Conflict("The experiment has queued or running training runs; cancel them first.");
        experiment.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, experiment, ct));
    }

    private static async Task<Results<Ok<ExperimentDto>, ProblemHttpResult>> Restore(
        Guid id, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var experiment = await db.FindExperimentAsync(member, id, ct);
        if (experiment is null) return Problems.NotFound("The experiment");
        experiment.Restore(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, experiment, ct));
    }

    /// <param name="sort">created (default, newest first), name, status, score, metrics.&lt;name&gt; or params.&lt;key&gt;, then asc or desc.</param>
    /// <param name="filter">MLflow's search syntax, e.g. <c>metrics.val_accuracy &gt; 0.9 and params.lr = '0.1'</c>.</param>
    private static async Task<Results<Ok<Page<RunSummaryDto>>, ValidationProblem, ProblemHttpResult>> Runs(
        Guid id, string? cursor, int? limit, RunStatus? status, string? sort, string? filter, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (!RunSort.TryParse(sort, out var order, out var sortError)) return new Validation().Add("sort", sortError!).Problem();
        if (await db.FindExperimentAsync(member, id, ct) is null) return Problems.NotFound("The experiment");
        var query = db.Runs.AsNoTracking().Where(r => r.ExperimentId == id && r.WorkspaceId == member.WorkspaceId && r.DeletedAt == null);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            try { query = RunFilter.Apply(query, db, filter); }
            catch (MlflowException e) { return new Validation().Add("filter", e.Message).Problem(); }
        }
        var page = await query.ToSortedPageAsync(db, order, cursor, limit, ct);
        return TypedResults.Ok(new Page<RunSummaryDto>(await RunSummaries.BuildAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<ExperimentDto> DetailAsync(PlatformDb db, Experiment e, CancellationToken ct)
    {
        var runs = db.Runs.AsNoTracking().Where(r => r.ExperimentId == e.Id && r.DeletedAt == null);
        var count = await runs.CountAsync(ct);
        var last = count == 0 ? null : (DateTimeOffset?)await runs.MaxAsync(r => r.CreatedAt, ct);
        return e.ToDto(count, last);
    }

    private static Validation Check(string? name, string? description, bool nameRequired)
    {
        var validation = new Validation();
        if (nameRequired || name is not null) validation.Require("name", name?.Trim(), Experiment.MaxNameLength, "Name");
        if (description is { Length: > Experiment.MaxDescriptionLength })
            validation.Add("description", $"Description must be at most {Experiment.MaxDescriptionLength} characters.");
        return validation;
    }

    private static ProblemHttpResult Taken(string name) => Problems.Conflict($"An experiment named '{name}' already exists in this workspace.");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
