using Platform.Api.Runs;
using Platform.Storage.Objects;

namespace Platform.Api.Endpoints;

/// <summary>A run: its state, cancel, metrics (downsampled for the first view), log, evaluation and model.</summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/runs/{id:guid}").WithTags("Runs");
        group.MapGet("", Get);
        group.MapPost("/cancel", Cancel).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapPut("/priority", SetPriority).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapGet("/metrics", Metrics);
        group.MapGet("/log", Log);
        group.MapGet("/evaluation", Evaluation);
        group.MapGet("/model", Model);
        app.MapWorkspaceGroup().MapGet("/runs/compare", Compare).WithTags("Runs");
        return app;
    }

    private static async Task<Results<Ok<RunDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        await db.FindRunAsync(member, id, ct) is { } run ? TypedResults.Ok(await db.ToDetailAsync(run, ct)) : Problems.NotFound("The run");

    private static async Task<Results<Ok<RunDto>, ProblemHttpResult>> Cancel(
        Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var run = await db.FindRunAsync(member, id, ct);
        if (run is null) return Problems.NotFound("The run");
        for (var attempt = 0; ; attempt++)
        {
            if (run.IsFinished) return Problems.Conflict($"The run has already {run.Status.ToString().ToLowerInvariant()}; it cannot be cancelled.");
            var operation = await TrainingRuns.CancelAsync(db, run, "Cancelled.", clock.GetUtcNow(), ct);
            db.Audit(clock, AuditActions.RunCancelled, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), run.Name, $"run {run.Id}");
            try
            {
                await db.SaveChangesAsync(ct);
                if (operation is not null) await events.OperationChangedAsync(operation, ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                // The worker started or finished it between reading and saving: read again and answer what really happened.
                foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
                run = (await db.FindRunAsync(member, id, ct))!;
            }
        }
        await events.RunChangedAsync(run, ct);
        return TypedResults.Ok(await db.ToDetailAsync(run, ct));
    }

    /// <summary>Moves a waiting run up or down its queue; the run's status is a concurrency token, so a worker starting it meanwhile wins.</summary>
    private static async Task<Results<Ok<RunDto>, ValidationProblem, ProblemHttpResult>> SetPriority(
        Guid id, SetRunPriorityRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        if (new Validation().CheckPriority(request.Priority) is { IsValid: false } invalid) return invalid.Problem();
        var run = await db.FindRunAsync(member, id, ct);
        if (run is null) return Problems.NotFound("The run");
        var before = run.Priority;
        run.ChangePriority(request.Priority); // 409 (IllegalStateChangeException) once the run has started
        db.Audit(clock, AuditActions.RunPriorityChanged, member.WorkspaceId, await db.Users.FindAsync([member.UserId], ct), run.Name,
            $"run {run.Id}: {before} → {request.Priority}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("The run started meanwhile; its priority no longer matters."); }
        await events.RunChangedAsync(run, ct);
        return TypedResults.Ok(await db.ToDetailAsync(run, ct));
    }

    /// <param name="afterId">Only points logged after this cursor (the <c>lastId</c> of an earlier answer), at full resolution.</param>
    /// <param name="name">One metric only; with <paramref name="fromStep"/> and <paramref name="toStep"/>, a zoomed range.</param>
    /// <param name="maxPoints">Per series, 10 to 10,000 (default 1,000); longer series are downsampled (LTTB).</param>
    private static async Task<Results<Ok<RunMetricsDto>, ValidationProblem, ProblemHttpResult>> Metrics(
        Guid id, long? afterId, string? name, long? fromStep, long? toStep, int? maxPoints, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (maxPoints is < 10 or > 10_000) return new Validation().Add("maxPoints", "maxPoints must be between 10 and 10000.").Problem();
        if (await db.FindRunAsync(member, id, ct) is null) return Problems.NotFound("The run");
        var query = db.RunMetrics.AsNoTracking().Where(m => m.RunId == id);
        if (afterId is { } after) query = query.Where(m => m.Id > after);
        if (name is not null) query = query.Where(m => m.Name == name);
        if (fromStep is { } from) query = query.Where(m => m.Step >= from);
        if (toStep is { } to) query = query.Where(m => m.Step <= to);
        var points = await query.OrderBy(m => m.Id).ToListAsync(ct);
        var limit = afterId is null ? maxPoints ?? 1000 : int.MaxValue;
        var series = points.GroupBy(m => m.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var ordered = g.OrderBy(m => m.Step).ThenBy(m => m.Id).Select(m => new MetricPointDto(m.Step, m.Epoch, m.Value, m.Timestamp)).ToList();
            var kept = Downsampling.Lttb(ordered, limit);
            return new MetricSeriesDto(g.Key, kept, ordered.Count, kept.Count < ordered.Count);
        }).ToList();
        var lastId = points.Count > 0 ? points.Max(m => m.Id) : afterId ?? 0;
        return TypedResults.Ok(new RunMetricsDto(series, lastId));
    }

    private static async Task<Results<Ok<RunLogDto>, ProblemHttpResult>> Log(
        Guid id, long? afterId, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (await db.FindRunAsync(member, id, ct) is null) return Problems.NotFound("The run");
        var take = Math.Clamp(limit ?? 1000, 1, 5000);
        var query = db.RunLogLines.AsNoTracking().Where(l => l.RunId == id);
        // Without a cursor the page shows the end of the log; with one, what came after it.
        var lines = afterId is { } after
            ? await query.Where(l => l.Id > after).OrderBy(l => l.Id).Take(take).ToListAsync(ct)
            : (await query.OrderByDescending(l => l.Id).Take(take).ToListAsync(ct)).AsEnumerable().Reverse().ToList();
        return TypedResults.Ok(new RunLogDto(lines.Select(l => new RunLogLineDto(l.Id, l.At, l.Text)).ToList(),
            lines.Count > 0 ? lines[^1].Id : afterId ?? 0));
    }

    private static async Task<IResult> Evaluation(Guid id, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        var run = await db.FindRunAsync(member, id, ct);
        if (run is null) return Problems.NotFound("The run");
        if (run.EvaluationKey is null || await store.TryOpenReadAsync(run.EvaluationKey, ct) is not { } stream)
            return Problems.NotFound("The run's evaluation");
        return TypedResults.Stream(stream, "application/json");
    }

    /// <param name="ids">1 to 10 run ids of this workspace, separated by commas.</param>
    private static async Task<Results<Ok<RunComparisonDto>, ValidationProblem, ProblemHttpResult>> Compare(
        string? ids, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        if (!RunComparison.TryParseIds(ids, out var wanted, out var error)) return new Validation().Add("ids", error!).Problem();
        var runs = await db.Runs.AsNoTracking().Where(r => wanted.Contains(r.Id) && r.WorkspaceId == member.WorkspaceId).ToListAsync(ct);
        if (runs.Count < wanted.Count) return Problems.NotFound($"The run {wanted.First(id => runs.All(r => r.Id != id))}");
        return TypedResults.Ok(await RunComparison.BuildAsync(db, store, wanted.Select(id => runs.Single(r => r.Id == id)).ToList(), ct));
    }

    private static async Task<IResult> Model(Guid id, WorkspaceMember member, PlatformDb db, IObjectStore store, CancellationToken ct)
    {
        var run = await db.FindRunAsync(member, id, ct);
        if (run is null) return Problems.NotFound("The run");
        if (run.ModelKey is null || await store.TryOpenReadAsync(run.ModelKey, ct) is not { } stream)
            return Problems.NotFound("The run's model");
        return TypedResults.Stream(stream, "application/zip", $"{FileNames.Safe(run.Name, "run")}-model.zip");
    }
}
