using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Ml;
using Platform.Storage.Events;
using Platform.Storage.Objects;

namespace Platform.Serving;

/// <summary>
/// Keeps this process's loaded models in step with the endpoints in the database: loads the version an endpoint points
/// at (checking the package against the SHA-256 registered with it), warms it, swaps it in, and reports Ready or the
/// reason it failed. Woken by endpoint events; re-reads every <see cref="ServingOptions.ReloadInterval"/> anyway.
/// </summary>
public sealed class EndpointLoader(IServiceScopeFactory scopes, ModelHost host, IEventBus events, IOptions<ServingOptions> options,
    TimeProvider clock, ILogger<EndpointLoader> log) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);
    private readonly HashSet<(Guid Endpoint, Guid Version)> failed = [];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var subscription = events.Subscribe(e =>
        {
            if (e.Type == LiveEvents.EndpointChanged) wake.Release();
            return Task.CompletedTask;
        });
        while (!ct.IsCancellationRequested)
        {
            try { await ReconcileAsync(ct); }
            catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning(e, "Reading the endpoints to serve failed; trying again."); }
            try { await wake.WaitAsync(options.Value.ReloadInterval, ct); }
            catch (OperationCanceledException) { break; }
            while (wake.Wait(0)) { }
        }
        await host.DisposeAsync();
    }

    private async Task ReconcileAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        var targets = await (
            from e in db.ModelEndpoints.AsNoTracking()
            join v in db.ModelVersions on e.VersionId equals v.Id
            join m in db.RegisteredModels on e.ModelId equals m.Id
            select new Target(e.Id, e.WorkspaceId, e.Name, m.Name, v.Id, v.Number, v.PackageKey, v.PackageSha256, e.MaxBatchSize, e.MaxWaitMilliseconds, e.Status))
            .ToListAsync(ct);
        var wanted = targets.Select(t => t.EndpointId).ToHashSet();
        foreach (var gone in host.All.Where(s => !wanted.Contains(s.EndpointId))) await host.RemoveAsync(gone.EndpointId);
        foreach (var target in targets)
        {
            var served = host.FindById(target.EndpointId);
            if (served?.VersionId == target.VersionId)
            {
                served.Batcher.MaxBatchSize = target.MaxBatchSize;
                served.Batcher.MaxWait = TimeSpan.FromMilliseconds(target.MaxWaitMilliseconds);
                continue;
            }
            // A version that failed here is tried again only when someone points the endpoint at it again.
            if (target.Status != EndpointStatus.Failed || !failed.Contains((target.EndpointId, target.VersionId)))
                await LoadAsync(scope.ServiceProvider, target, ct);
        }
    }

    private async Task LoadAsync(IServiceProvider services, Target target, CancellationToken ct)
    {
        ServedModel? loaded = null;
        string? error = null;
        try
        {
            var predictor = await ReadAsync(services.GetRequiredService<IObjectStore>(), target, ct);
            loaded = new ServedModel(target.EndpointId, target.WorkspaceId, target.EndpointName, target.ModelName, target.VersionId, target.Version,
                predictor.Manifest, new DynamicBatcher(predictor, target.MaxBatchSize, TimeSpan.FromMilliseconds(target.MaxWaitMilliseconds),
                    options.Value.MaxQueuedInstances));
            await host.SwapAsync(loaded);
            log.LogInformation("Endpoint {Endpoint} serves {Model} v{Version}.", target.EndpointName, target.ModelName, target.Version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed.Add((target.EndpointId, target.VersionId));
            error = $"{target.ModelName} v{target.Version} could not be loaded: {e.Message}";
            log.LogWarning("Endpoint {Endpoint}: {Error}", target.EndpointName, error);
        }

        var db = services.GetRequiredService<PlatformDb>();
        var endpoint = await db.ModelEndpoints.SingleOrDefaultAsync(e => e.Id == target.EndpointId, ct);
        if (endpoint is null) return;
        if (loaded is not null)
            endpoint.Loaded(target.VersionId, System.Text.Json.JsonSerializer.Serialize(Signatures.Of(loaded.Manifest), PlatformClient.Json), clock.GetUtcNow());
        else endpoint.LoadFailed(target.VersionId, error!);
        await db.SaveChangesAsync(ct);
        await services.GetRequiredService<ResourceEvents>().EndpointChangedAsync(endpoint, ct);
    }

    private static async Task<Predictor> ReadAsync(IObjectStore store, Target target, CancellationToken ct)
    {
        Predictor predictor;
        await using (var package = await Platform.Storage.Registry.ModelPackages.ReadVerifiedAsync(store, target.PackageKey, target.PackageSha256, ct))
            predictor = Predictor.Load(package);
        try
        {
            Warm(predictor);
            return predictor;
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
    }

    /// <summary>The first forward pass is slow (allocations, kernel choice); it happens here, not on a caller's request.</summary>
    private static void Warm(Predictor predictor) => _ = predictor.Manifest.Input.Kind switch
    {
        "image" => predictor.PredictImages([OnePixelPng]),
        "text" => predictor.PredictTexts(["warm up"]),
        _ => predictor.PredictRows([new Dictionary<string, string?>()]),
    };

    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private sealed record Target(Guid EndpointId, Guid WorkspaceId, string EndpointName, string ModelName, Guid VersionId, int Version,
        string PackageKey, string PackageSha256, int MaxBatchSize, int MaxWaitMilliseconds, EndpointStatus Status);
}
