using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Storage.Data;

namespace Platform.Api.Endpoints;

/// <summary>Workers are shared by all workspaces; any signed-in user sees them (newest first).</summary>
public static class WorkersApi
{
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workers", List).WithTags("Workers").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> List(string? cursor, int? limit, PlatformDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!Cursor.TryDecodeGuid(cursor, out var before)) return Cursor.Invalid();
        var take = Cursor.Limit(limit);
        var query = db.Workers.AsNoTracking();
        if (before is { } b) query = query.Where(w => w.Id.CompareTo(b) < 0);
        var rows = await query.OrderByDescending(w => w.Id).Take(take + 1).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(Cursor.ToPage(rows, take, w => w.Id.ToString(), w => w.ToDto(now)));
    }
}
