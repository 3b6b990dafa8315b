
namespace Platform.Api.Endpoints;

public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/operations").WithTags("Operations");
        group.MapGet("", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/system-check", StartSystemCheck).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapPost("/{id:guid}/cancel", Cancel).RequireWorkspaceRole(WorkspaceRole.Member);
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        db.Operations.AsNoTracking().Where(o => o.WorkspaceId == member.WorkspaceId)
            .PageAsync(cursor, limit, o => o.Id, newestFirst: true, o => o.ToDto(), ct);

    private static async Task<Results<Ok<OperationDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        await db.Operations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.WorkspaceId == member.WorkspaceId, ct) is { } operation
            ? TypedResults.Ok(operation.ToDto())
            : Problems.NotFound("The operation");

    private static async Task<Accepted<OperationDto>> StartSystemCheck(WorkspaceMember member, OperationStarter starter, CancellationToken ct)
    {
        var operation = await starter.StartAsync(member, OperationKinds.SystemCheck, null, null, ct);
        return TypedResults.Accepted($"/api/workspaces/{member.WorkspaceId}/operations/{operation.Id}", operation.ToDto());
    }

    private static async Task<Results<Ok<OperationDto>, ProblemHttpResult>> Cancel(
        Guid id, WorkspaceMember member, PlatformDb db, ResourceEvents live, TimeProvider clock, CancellationToken ct)
    {
        var operation = await db.Operations.SingleOrDefaultAsync(o => o.Id == id && o.WorkspaceId == member.WorkspaceId, ct);
        if (operation is null) return Problems.NotFound("The operation");
        operation.Cancel(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The job finished (or started) between reading and saving: answer what really happened.
            await db.Entry(operation).ReloadAsync(ct);
            if (operation.IsFinished) return Problems.Conflict($"The operation has already {operation.State.ToString().ToLowerInvariant()}; it cannot be cancelled.");
            operation.Cancel(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        await live.OperationChangedAsync(operation, ct);
        return TypedResults.Ok(operation.ToDto());
    }
}
