using Microsoft.Extensions.Configuration;
using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Storage.Objects;

namespace Platform.Api.Endpoints;

/// <summary>Administrators see the job queues (waiting jobs, workers serving them) and the server's version and settings.</summary>
public static class AdminServerApi
{
    public const string JobDashboardUrl = "/hangfire";

    public static IEndpointRouteBuilder MapAdminServerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AuthSchemes.AdminPolicy);
        group.MapGet("/queues", Queues);
        group.MapGet("/server", Server);
        return app;
    }

    /// <summary>Every queue a worker serves or a job waits in; few enough to answer whole.</summary>
    private static async Task<Ok<IReadOnlyList<JobQueueDto>>> Queues(PlatformDb db, JobStorage storage, TimeProvider clock, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Worker.OfflineAfter;
        var online = await db.Workers.AsNoTracking().Where(w => w.StoppedAt == null && w.LastHeartbeatAt > since)
            .Select(w => w.Queues).ToListAsync(ct);
        var served = online.SelectMany(q => OperationQueues.ServedBy(q.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .GroupBy(q => q, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var waiting = storage.GetMonitoringApi().Queues().ToDictionary(q => q.Name, q => q.Length, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<JobQueueDto> queues = served.Keys.Union(waiting.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Select(name => new JobQueueDto(name, waiting.GetValueOrDefault(name), served.GetValueOrDefault(name))).ToList();
        return TypedResults.Ok(queues);
    }

    private static Ok<ServerInfoDto> Server(ServerDescription server, IConfiguration configuration, DatabaseOptions database,
        IOptions<ObjectStoreOptions> objects) =>
        TypedResults.Ok(new ServerInfoDto(server.Version, server.Roles, database.IsPostgres ? "PostgreSQL" : "SQLite",
            objects.Value.Kind.Equals(ObjectStoreOptions.S3Kind, StringComparison.OrdinalIgnoreCase) ? "S3" : "Folder",
            JobDashboardUrl, server.Settings(configuration)));
}
