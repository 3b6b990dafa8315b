namespace Platform.Api.Mlflow;

/// <summary>Finds experiments and runs inside the caller's workspace only; anything else does not exist.</summary>
public static class MlflowLookup
{
    public static async Task<Experiment> ExperimentAsync(PlatformDb db, MlflowScope scope, string? id, CancellationToken ct, bool createDefault = false)
    {
        if (id?.Trim() == MlflowIds.DefaultExperiment) return await DefaultExperimentAsync(db, scope, createDefault, ct);
        var guid = MlflowIds.Parse(id, "experiment_id");
        var experiment = guid is null ? null
            : await db.Experiments.SingleOrDefaultAsync(e => e.Id == guid && e.WorkspaceId == scope.WorkspaceId, ct);
        return experiment ?? throw MlflowException.NotFound($"No Experiment with id={id} exists.");
    }

    public static async Task<Run> RunAsync(PlatformDb db, MlflowScope scope, string? id, CancellationToken ct)
    {
        var guid = MlflowIds.Parse(id, "run_id");
        var run = guid is null ? null : await db.Runs.SingleOrDefaultAsync(r => r.Id == guid && r.WorkspaceId == scope.WorkspaceId, ct);
        return run ?? throw MlflowException.NotFound($"Run with id={id} not found.");
    }

    /// <summary>A run that code elsewhere may write to: active, and logged by a client (a training run writes its own).</summary>
    public static async Task<Run> WritableRunAsync(PlatformDb db, MlflowScope scope, string? id, CancellationToken ct)
    {
        var run = await RunAsync(db, scope, id, ct);
        if (run.IsDeleted)
            throw MlflowException.InvalidParameter($"The run {MlflowIds.Format(run.Id)} must be in the 'active' state. Current state is deleted.");
        if (run.Source != RunSource.Tracking)
            throw MlflowException.InvalidParameter($"The run {MlflowIds.Format(run.Id)} is trained by the platform; only its worker writes to it.");
        return run;
    }

    /// <summary>MLflow's experiment "0": the workspace's Default experiment, made when a writer first needs it.</summary>
    private static async Task<Experiment> DefaultExperimentAsync(PlatformDb db, MlflowScope scope, bool create, CancellationToken ct)
    {
        var existing = await db.Experiments.SingleOrDefaultAsync(e => e.WorkspaceId == scope.WorkspaceId && e.Name == Experiment.DefaultName, ct);
        if (existing is not null) return existing;
        if (!create) throw MlflowException.NotFound($"No Experiment with id={MlflowIds.DefaultExperiment} exists.");
        var experiment = new Experiment(scope.WorkspaceId, Experiment.DefaultName, null, scope.UserId, DateTimeOffset.UtcNow);
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(ct);
            return experiment;
        }
        catch (DbUpdateException)
        {
            // Another request made it first.
            db.Entry(experiment).State = EntityState.Detached;
            return await db.Experiments.SingleAsync(e => e.WorkspaceId == scope.WorkspaceId && e.Name == Experiment.DefaultName, ct);
        }
    }
}
