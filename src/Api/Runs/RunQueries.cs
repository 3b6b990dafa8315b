namespace Platform.Api.Runs;

/// <summary>Reads runs and experiments of the caller's workspace only (a stranger's id is "not found").</summary>
public static class RunQueries
{
    public static Task<Run?> FindRunAsync(this PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.Runs.SingleOrDefaultAsync(r => r.Id == id && r.WorkspaceId == member.WorkspaceId, ct);

    public static Task<Experiment?> FindExperimentAsync(this PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.Experiments.SingleOrDefaultAsync(e => e.Id == id && e.WorkspaceId == member.WorkspaceId, ct);

    /// <summary>The run with what its page shows: experiment name, who started it, its dataset version, its place in the queue.</summary>
    public static async Task<RunDto> ToDetailAsync(this PlatformDb db, Run run, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().Where(e => e.Id == run.ExperimentId).Select(e => e.Name).SingleAsync(ct);
        var email = run.CreatedBy is { } by ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.Email).SingleOrDefaultAsync(ct) : null;
        RunDatasetDto? dataset = null;
        if (run.DatasetVersionId is { } versionId)
            dataset = await db.DatasetVersions.AsNoTracking().Where(v => v.Id == versionId)
                .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new RunDatasetDto(d.Id, d.Name, v.Number, v.Id))
                .SingleOrDefaultAsync(ct);
        var position = await QueuePositionAsync(db, run, ct);
        return run.ToDto(experiment, email, dataset, position, position is null ? null : await WaitingReasonAsync(db, run, ct));
    }

    /// <summary>Why a queued run waits: no online worker serves its queue, or they are all training.</summary>
    private static async Task<string> WaitingReasonAsync(PlatformDb db, Run run, CancellationToken ct)
    {
        var online = (await TrainingRuns.OnlineWorkersAsync(db, DateTimeOffset.UtcNow, ct)).Count(w => w.Serves(run.Queue!));
        return online == 0
            ? $"No online worker serves the {run.Queue} queue; the run starts as soon as one does."
            : $"Waiting for one of the {online} worker(s) on the {run.Queue} queue (each trains one run at a time).";
    }

    /// <summary>1 for the next run to start on its queue; null unless the run is queued.</summary>
    private static async Task<int?> QueuePositionAsync(PlatformDb db, Run run, CancellationToken ct)
    {
        if (run.Status != RunStatus.Queued || run.Queue is null) return null;
        return await db.Runs.AsNoTracking().Ahead(run).CountAsync(ct) + 1;
    }

    /// <summary>The workspace's "Default" experiment, created the first time a run needs it.</summary>
    public static async Task<Experiment> DefaultExperimentAsync(this PlatformDb db, WorkspaceMember member, TimeProvider clock, CancellationToken ct)
    {
        var existing = await db.Experiments.SingleOrDefaultAsync(e => e.WorkspaceId == member.WorkspaceId && e.Name == Experiment.DefaultName, ct);
        if (existing is not null) return existing;
        var created = new Experiment(member.WorkspaceId, Experiment.DefaultName, "Runs started without choosing an experiment.", member.UserId, clock.GetUtcNow());
        db.Experiments.Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
            return created;
        }
        catch (DbUpdateException)
        {
            // Another request created it at the same time (the unique name index decided): use that one.
            db.Entry(created).State = EntityState.Detached;
            return await db.Experiments.SingleAsync(e => e.WorkspaceId == member.WorkspaceId && e.Name == Experiment.DefaultName, ct);
        }
    }
}
