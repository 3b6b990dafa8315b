namespace Platform.Api.Endpoints;

/// <summary>Workers are shared by all workspaces; any signed-in user sees them (newest first).</summary>
public static class WorkersApi
{
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workers", List).WithTags("Workers").RequireAuthorization();
        return app;
    }

    private static Task<IResult> List(string? cursor, int? limit, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Workers.AsNoTracking().PageAsync(cursor, limit, w => w.Id, newestFirst: true, w => w.ToDto(now), ct);
    }
}
