using Platform.Contracts;

namespace Platform.Cli.Infrastructure;

/// <summary>Finds workspaces, datasets, models and endpoints by name or id, as people type them.</summary>
public static class Lookup
{
    public static async Task<WorkspaceDto> WorkspaceAsync(Session session, string? option, CancellationToken ct)
    {
        var wanted = option ?? (Environment.GetEnvironmentVariable("PLATFORM_WORKSPACE") is { Length: > 0 } env ? env : session.Config.Workspace);
        var workspaces = await AllAsync(cursor => session.Client.ListWorkspacesAsync(cursor, 200, ct));
        if (wanted is null)
        {
            return workspaces.Count switch
            {
                1 => workspaces[0],
                0 => throw CliException.NotFound("This account has no workspace yet: create one in the portal."),
                _ => throw CliException.Usage("This account has several workspaces: pass --workspace NAME or run platform workspaces use NAME."),
            };
        }
        return workspaces.FirstOrDefault(w => Matches(wanted, w.Id, w.Name))
            ?? throw CliException.NotFound($"No workspace '{wanted}' among this account's workspaces.");
    }

    public static async Task<DatasetDto?> FindDatasetAsync(PlatformClient client, Guid ws, string nameOrId, CancellationToken ct)
    {
        if (Guid.TryParse(nameOrId, out var id)) return await client.GetDatasetAsync(ws, id, ct);
        var datasets = await AllAsync(cursor => client.ListDatasetsAsync(ws, cursor: cursor, limit: 200, ct: ct));
        return datasets.FirstOrDefault(d => Matches(nameOrId, d.Id, d.Name));
    }

    public static async Task<DatasetDto> DatasetAsync(PlatformClient client, Guid ws, string nameOrId, CancellationToken ct) =>
        await FindDatasetAsync(client, ws, nameOrId, ct) ?? throw CliException.NotFound($"No dataset '{nameOrId}' in this workspace.");

    public static async Task<RegisteredModelDto> ModelAsync(PlatformClient client, Guid ws, string nameOrId, CancellationToken ct)
    {
        if (Guid.TryParse(nameOrId, out var id)) return await client.GetModelAsync(ws, id, ct);
        var models = await AllAsync(cursor => client.ListModelsAsync(ws, cursor, 200, ct: ct));
        return models.FirstOrDefault(m => Matches(nameOrId, m.Id, m.Name)) ?? throw CliException.NotFound($"No model '{nameOrId}' in this workspace.");
    }

    public static async Task<EndpointDto> EndpointAsync(PlatformClient client, Guid ws, string nameOrId, CancellationToken ct)
    {
        if (Guid.TryParse(nameOrId, out var id)) return await client.GetEndpointAsync(ws, id, ct);
        var endpoints = await AllAsync(cursor => client.ListEndpointsAsync(ws, cursor, 200, ct: ct));
        return endpoints.FirstOrDefault(e => Matches(nameOrId, e.Id, e.Name)) ?? throw CliException.NotFound($"No endpoint '{nameOrId}' in this workspace.");
    }

    public static async Task<ExperimentDto> ExperimentAsync(PlatformClient client, Guid ws, string nameOrId, CancellationToken ct)
    {
        if (Guid.TryParse(nameOrId, out var id)) return await client.GetExperimentAsync(ws, id, ct);
        var experiments = await AllAsync(cursor => client.ListExperimentsAsync(ws, cursor, 200, ct: ct));
        return experiments.FirstOrDefault(e => Matches(nameOrId, e.Id, e.Name)) ?? throw CliException.NotFound($"No experiment '{nameOrId}' in this workspace.");
    }

    public static Guid RunId(string text) =>
        Guid.TryParse(text, out var id) ? id : throw CliException.Usage($"'{text}' is not a run id (runs start prints it).");

    /// <summary>Every page of a listing.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<string?, Task<Page<T>>> page)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var next = await page(cursor);
            items.AddRange(next.Items);
            cursor = next.NextCursor;
        } while (cursor is not null);
        return items;
    }

    private static bool Matches(string wanted, Guid id, string name) =>
        string.Equals(wanted, name, StringComparison.OrdinalIgnoreCase) || (Guid.TryParse(wanted, out var g) && g == id);
}
