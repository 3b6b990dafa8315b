using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Storage.Registry;

/// <summary>
/// Registers a succeeded run's model as the next version of a named model (created when the workspace has none by
/// that name), from the run page, the API, or a run that ends in an experiment that registers automatically. The
/// package and evaluation are copied under the model, hashed as they are copied, so the version outlives its run.
/// </summary>
public sealed class ModelRegistration(PlatformDb db, IObjectStore store, DatabaseLocks locks, TimeProvider clock)
{
    public static string LockName(Guid workspaceId) => $"model-registry:{workspaceId:N}";

    /// <summary>Refuses with <see cref="IllegalStateChangeException"/> (409) when the run has no model or a limit is reached.</summary>
    public async Task<(RegisteredModel Model, ModelVersion Version)> RegisterAsync(Run run, string modelName, string? description,
        IReadOnlyDictionary<string, string>? tags, User? actor, CancellationToken ct)
    {
        if (run.Status != RunStatus.Succeeded || run.ModelKey is null || run.ModelBytes is null)
            throw new IllegalStateChangeException("Only a run that succeeded with a trained model can be registered; this one has no model package.");
        await using var _ = await locks.AcquireAsync(LockName(run.WorkspaceId), ct);
        var now = clock.GetUtcNow();
        var model = await db.RegisteredModels.SingleOrDefaultAsync(m => m.WorkspaceId == run.WorkspaceId && m.Name == modelName, ct);
        if (model is null)
        {
            if (await db.RegisteredModels.CountAsync(m => m.WorkspaceId == run.WorkspaceId, ct) >= RegisteredModel.MaxPerWorkspace)
                throw new IllegalStateChangeException($"The workspace already has {RegisteredModel.MaxPerWorkspace:N0} models, the most it may hold.");
            model = new RegisteredModel(run.WorkspaceId, modelName, null, actor?.Id, now);
            db.RegisteredModels.Add(model);
        }
        else if (await db.ModelVersions.CountAsync(v => v.ModelId == model.Id, ct) >= RegisteredModel.MaxVersions)
        {
            throw new IllegalStateChangeException($"The model '{model.Name}' already has {RegisteredModel.MaxVersions:N0} versions, the most it may hold; delete old ones first.");
        }

        var number = model.TakeNextNumber(now);
        var prefix = $"workspaces/{run.WorkspaceId:N}/models/{model.Id:N}/versions/{number}";
        var package = await CopyAsync(run.ModelKey, $"{prefix}/model.zip", run.ModelBytes.Value, "application/zip", ct);
        ModelFile? evaluation = null;
        try
        {
            if (run.EvaluationKey is { } key && await store.StatAsync(key, ct) is { } info)
                evaluation = await CopyAsync(key, $"{prefix}/evaluation.json", info.Size, "application/json", ct);
            var version = new ModelVersion(model, number, run, package, evaluation, description,
                ModelVersion.TagsJsonOf(tags), actor?.Id, now);
            db.ModelVersions.Add(version);
            db.AuditEvents.Add(new AuditEvent(now, "model.version-registered", run.WorkspaceId, actor?.Id, actor?.Email,
                $"{model.Name} v{number}", $"from run {run.Name} ({run.Id})"));
            await db.SaveChangesAsync(ct);
            return (model, version);
        }
        catch
        {
            await store.DeleteAsync(package.Key, CancellationToken.None);
            if (evaluation is not null) await store.DeleteAsync(evaluation.Key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Copies an object and hashes the copy as stored; the copy must have the size the run recorded.</summary>
    private async Task<ModelFile> CopyAsync(string from, string to, long bytes, string contentType, CancellationToken ct)
    {
        await using (var source = await store.OpenReadAsync(from, ct))
            await store.PutAsync(to, source, bytes, contentType, ct);
        try
        {
            var size = (await store.StatAsync(to, ct))?.Size ?? 0;
            string sha256;
            await using (var copy = await store.OpenReadAsync(to, ct))
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(copy, ct));
            if (size != bytes)
                throw new IllegalStateChangeException($"The run's file {Path.GetFileName(from)} holds {size:N0} bytes, not the {bytes:N0} it recorded; nothing was registered.");
            return new ModelFile(to, bytes, sha256);
        }
        catch
        {
            await store.DeleteAsync(to, CancellationToken.None);
            throw;
        }
    }
}
