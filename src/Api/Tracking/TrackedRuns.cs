using Platform.Api.Runs;

namespace Platform.Api.Tracking;

/// <summary>Finds a run that code elsewhere may write to: of this workspace, not deleted, and logged by a client.</summary>
public static class TrackedRuns
{
    /// <summary>The run, or the problem to answer (404, or 409 for a deleted run or one trained here).</summary>
    public static async Task<(Run? Run, ProblemHttpResult? Problem)> FindWritableAsync(PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct)
    {
        var run = await db.FindRunAsync(member, id, ct);
        if (run is null) return (null, Problems.NotFound("The run"));
        if (run.IsDeleted) return (null, Problems.Conflict("The run is deleted; it takes no more data."));
        if (run.Source != RunSource.Tracking) return (null, Problems.Conflict("The run is trained by the platform; only its worker writes to it."));
        return (run, null);
    }
}
