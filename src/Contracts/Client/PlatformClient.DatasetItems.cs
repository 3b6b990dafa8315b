using System.Globalization;

namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    /// <summary>A page of a version's items in the query's order, from its cursor or its position.</summary>
    public Task<Page<DatasetItemDto>> ListItemsAsync(Guid ws, Guid datasetId, int number, ItemQuery query, CancellationToken ct = default) =>
        GetAsync<Page<DatasetItemDto>>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{number}/items"
            + Query(query.Cursor, query.Limit, ("label", query.Label), ("split", query.Split?.ToString()), ("search", query.Search),
                ("order", query.Order == ItemOrder.Path ? null : query.Order.ToString()), ("position", query.Position?.ToString(CultureInfo.InvariantCulture))), ct);
}
