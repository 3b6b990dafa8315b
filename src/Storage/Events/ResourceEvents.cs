using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Storage.Events;

/// <summary>The live events that say a resource changed, built in one place for the API and the worker.</summary>
public sealed class ResourceEvents(IEventBus events, TimeProvider clock)
{
    public Task OperationChangedAsync(Operation operation, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.OperationChanged, operation.WorkspaceId, operation.Id.ToString(),
            $"{operation.Kind}: {operation.State}", clock.GetUtcNow()), ct);

    public Task DatasetChangedAsync(Guid workspaceId, Guid datasetId, string message, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.DatasetChanged, workspaceId, datasetId.ToString(), message, clock.GetUtcNow()), ct);

    public Task RunChangedAsync(Run run, CancellationToken ct) => RunChangedAsync(run.WorkspaceId, run.Id, run.Status.ToString(), ct);

    public Task RunChangedAsync(Guid workspaceId, Guid runId, string status, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.RunChanged, workspaceId, runId.ToString(), status, clock.GetUtcNow()), ct);

    public Task RunMetricsAsync(Guid workspaceId, Guid runId, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.RunMetrics, workspaceId, runId.ToString(), null, clock.GetUtcNow()), ct);

    public Task RunLogAsync(Guid workspaceId, Guid runId, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.RunLog, workspaceId, runId.ToString(), null, clock.GetUtcNow()), ct);

    public Task EndpointChangedAsync(ModelEndpoint endpoint, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.EndpointChanged, endpoint.WorkspaceId, endpoint.Id.ToString(), endpoint.Status.ToString(), clock.GetUtcNow()), ct);

    public Task AnnotationChangedAsync(Guid workspaceId, Guid projectId, string message, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.AnnotationChanged, workspaceId, projectId.ToString(), message, clock.GetUtcNow()), ct);
}
