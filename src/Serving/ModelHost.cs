using System.Collections.Concurrent;

namespace Platform.Serving;

/// <summary>
/// The endpoints this process serves, by workspace and name. A new version replaces the old one only once loaded and
/// warm; the old one answers what it already queued, then is freed.
/// </summary>
public sealed class ModelHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(Guid Workspace, string Name), ServedModel> byName = new();
    private readonly ConcurrentDictionary<Guid, ServedModel> byEndpoint = new();

    public ServedModel? Find(Guid workspaceId, string name) => byName.GetValueOrDefault((workspaceId, name));

    public ServedModel? FindById(Guid endpointId) => byEndpoint.GetValueOrDefault(endpointId);

    public IReadOnlyCollection<ServedModel> All => [.. byEndpoint.Values];

    public async Task SwapAsync(ServedModel model)
    {
        byEndpoint.TryGetValue(model.EndpointId, out var old);
        byName[(model.WorkspaceId, model.EndpointName)] = model;
        byEndpoint[model.EndpointId] = model;
        if (old is not null) await old.Batcher.DisposeAsync();
    }

    public async Task RemoveAsync(Guid endpointId)
    {
        if (!byEndpoint.TryRemove(endpointId, out var old)) return;
        byName.TryRemove(new KeyValuePair<(Guid, string), ServedModel>((old.WorkspaceId, old.EndpointName), old));
        await old.Batcher.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in byEndpoint.Keys) await RemoveAsync(id);
    }
}
