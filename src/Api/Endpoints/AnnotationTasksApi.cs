using Microsoft.Extensions.Options;
using Platform.Api.Annotation;

namespace Platform.Api.Endpoints;

/// <summary>
/// The work of a project: annotators take batches of tasks (leased, so two people never hold the same one) and save
/// annotations; Members and above review them. Annotators list only their own tasks; Viewers only read.
/// </summary>
public static class AnnotationTasksApi
{
    public const long MaxAnnotationBytes = 2 * 1024 * 1024;

    public static RouteGroupBuilder MapAnnotationTasksApi(this RouteGroupBuilder projects)
    {
        var group = projects.MapGroup("/{id:guid}/tasks");
        group.MapPost("/next", Next).RequireWorkspaceRole(WorkspaceRole.Annotator);
        group.MapPost("/release", Release).RequireWorkspaceRole(WorkspaceRole.Annotator);
        group.MapGet("", List);
        group.MapGet("/{taskId:guid}", Get);
        // An image may hold up to 10,000 boxes (about 70 bytes each as JSON), more than the API's usual 256 KiB.
        group.MapPut("/{taskId:guid}/annotation", Save).RequireWorkspaceRole(WorkspaceRole.Annotator).WithJsonBodyLimit(MaxAnnotationBytes);
        group.MapPost("/{taskId:guid}/review", Review).RequireWorkspaceRole(WorkspaceRole.Member).WithJsonBodyLimit(MaxAnnotationBytes);
        return projects;
    }

    private static async Task<Results<Ok<IReadOnlyList<AnnotationTaskDto>>, ValidationProblem, ProblemHttpResult>> Next(
        Guid id, NextAnnotationTasksRequest? request, WorkspaceMember member, PlatformDb db, IOptions<AnnotationOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (new Validation().BatchSize(request?.Count, "count") is { IsValid: false } invalid) return invalid.Problem();
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        var now = clock.GetUtcNow();
        var ids = await db.NextBatchAsync(project.Id, member.UserId, request?.Count ?? project.BatchSize, now, options.Value.Lease, project.QueueOrder, project.Overlap > 1, ct);
        var tasks = await db.AnnotationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var ordered = ids.Select(i => tasks.Single(t => t.Id == i)).ToList();
        return TypedResults.Ok<IReadOnlyList<AnnotationTaskDto>>(await AnnotationViews.TasksAsync(db, project, ordered, member.UserId, now, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Release(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        await db.ReleaseAsync(project.Id, member.UserId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>In item order. Annotators see only the tasks they annotated or hold.</summary>
    private static async Task<Results<Ok<Page<AnnotationTaskDto>>, ProblemHttpResult>> List(
        Guid id, AnnotationTaskState? state, bool? mine, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return Problems.NotFound("The annotation project");
        var query = db.AnnotationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id);
        if (state is { } s) query = query.Where(t => t.State == s);
        if (mine == true || member.Role == WorkspaceRole.Annotator) query = query.Where(t => t.AnnotatedBy == member.UserId || t.HolderId == member.UserId);
        var page = await query.ToPageAsync(cursor, limit, t => t.Id, newestFirst: false, ct);
        return TypedResults.Ok(new Page<AnnotationTaskDto>(await AnnotationViews.TasksAsync(db, project, page.Items, member.UserId, clock.GetUtcNow(), ct), page.NextCursor));
    }

    private static async Task<Results<Ok<AnnotationTaskDto>, ProblemHttpResult>> Get(
        Guid id, Guid taskId, WorkspaceMember member, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var (project, task) = await FindAsync(db, member, id, taskId, ct);
        if (task is null || !Visible(member, task)) return Problems.NotFound("The task");
        return TypedResults.Ok((await AnnotationViews.TasksAsync(db, project!, [task], member.UserId, clock.GetUtcNow(), ct))[0]);
    }

    private static async Task<Results<Ok<AnnotationTaskDto>, ValidationProblem, ProblemHttpResult>> Save(
        Guid id, Guid taskId, SaveAnnotationRequest request, WorkspaceMember member, PlatformDb db, IOptions<AnnotationOptions> options,
        ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        // Not limited to the caller's visible tasks: the conditional save decides, and a task taken over answers 409, not 404.
        var (project, task) = await FindAsync(db, member, id, taskId, ct);
        if (task is null) return Problems.NotFound("The task");
        var (width, height) = await ImageSizeAsync(db, task, ct);
        var validation = AnnotationInput.Check(project!, request, width, height);
        if (!validation.IsValid) return validation.Problem();
        var now = clock.GetUtcNow();
        if (!await db.SaveAsync(project!.Id, taskId, member.UserId, request.LabelId, request.Boxes, now, options.Value.Lease, ct))
            return Problems.Conflict(await WhyNotAsync(db, taskId, member.UserId, now, ct));
        await events.AnnotationChangedAsync(member.WorkspaceId, project.Id, "annotated", ct);
        var saved = await db.AnnotationTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, ct);
        return TypedResults.Ok((await AnnotationViews.TasksAsync(db, project, [saved], member.UserId, now, ct))[0]);
    }

    private static async Task<Results<Ok<AnnotationTaskDto>, ValidationProblem, ProblemHttpResult>> Review(
        Guid id, Guid taskId, ReviewAnnotationRequest request, WorkspaceMember member, PlatformDb db, ResourceEvents events, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (request.Decision == ReviewDecision.Reject && string.IsNullOrWhiteSpace(request.Comment))
            validation.Add("comment", "Say what is wrong, so the annotator can fix it.");
        if (request.Comment?.Length > AnnotationTask.MaxCommentLength) validation.Add("comment", $"A comment must be at most {AnnotationTask.MaxCommentLength:N0} characters.");
        if (!validation.IsValid) return validation.Problem();
        var (project, task) = await FindAsync(db, member, id, taskId, ct, tracked: true);
        if (task is null) return Problems.NotFound("The task");
        if (task.State == AnnotationTaskState.Open) return Problems.Conflict("This item is not annotated yet; there is nothing to review.");
        if (request.Fix is { } fix)
        {
            var (width, height) = await ImageSizeAsync(db, task, ct);
            var fixProblems = AnnotationInput.Check(project!, fix, width, height, "fix.");
            if (!fixProblems.IsValid) return fixProblems.Problem();
        }
        var now = clock.GetUtcNow();
        task.Review(member.UserId, request.Decision, request.Comment?.Trim(), request.Fix is { } f ? (f.LabelId, f.Boxes) : null, now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Conflict("The annotation changed while you reviewed it; look at it again."); }
        await events.AnnotationChangedAsync(member.WorkspaceId, project!.Id, "reviewed", ct);
        return TypedResults.Ok((await AnnotationViews.TasksAsync(db, project, [task], member.UserId, now, ct))[0]);
    }

    /// <summary>The size of the task's image, that boxes must lie within (null for texts).</summary>
    private static async Task<(int? Width, int? Height)> ImageSizeAsync(PlatformDb db, AnnotationTask task, CancellationToken ct)
    {
        var item = await db.DatasetItems.AsNoTracking().Where(i => i.Id == task.ItemId).Select(i => new { i.Width, i.Height }).SingleAsync(ct);
        return (item.Width, item.Height);
    }

    private static bool Visible(WorkspaceMember member, AnnotationTask task) =>
        member.Role != WorkspaceRole.Annotator || task.AnnotatedBy == member.UserId || task.HolderId == member.UserId;

    private static async Task<string> WhyNotAsync(PlatformDb db, Guid taskId, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var task = await db.AnnotationTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, ct);
        if (task.State == AnnotationTaskState.Accepted) return "This item was reviewed and accepted; it can no longer be changed.";
        if (task.HolderId is { } holder && holder != userId && task.LeaseExpiresAt >= now)
        {
            var email = await db.Users.Where(u => u.Id == holder).Select(u => u.Email).SingleOrDefaultAsync(ct);
            return $"{email ?? "Someone else"} holds this item now (a hold runs out when its annotator is idle, and the item is handed on); your change was not saved.";
        }
        return "You do not hold this item; take it with your next batch first. Your change was not saved.";
    }

    private static async Task<(AnnotationProject?, AnnotationTask?)> FindAsync(PlatformDb db, WorkspaceMember member, Guid id, Guid taskId,
        CancellationToken ct, bool tracked = false)
    {
        var project = await db.FindAnnotationProjectAsync(member, id, ct);
        if (project is null) return (null, null);
        var tasks = tracked ? db.AnnotationTasks : db.AnnotationTasks.AsNoTracking();
        return (project, await tasks.SingleOrDefaultAsync(t => t.Id == taskId && t.ProjectId == project.Id, ct));
    }
}
