using Platform.Contracts;
using Platform.Storage.Entities;
using Platform.Storage.Events;

namespace Platform.Jobs.Datasets;

public sealed class DatasetEvents(IEventBus events, TimeProvider clock)
{
    public Task ChangedAsync(Dataset dataset, string message, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.DatasetChanged, dataset.WorkspaceId, dataset.Id.ToString(), message, clock.GetUtcNow()), ct);
}
