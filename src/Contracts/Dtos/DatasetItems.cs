namespace Platform.Contracts;

/// <summary>The order a version's items are listed in.</summary>
public enum ItemOrder
{
    /// <summary>By path (class folders one after another).</summary>
    Path,
    /// <summary>Round-robin over the classes: the first item of every class, then the second of every class, and so on.</summary>
    Mixed,
}

/// <summary>
/// One page of a version's items: filters, order, and where to start — a cursor from the previous page, or a
/// position (0-based) to jump to. A cursor and a position together are refused.
/// </summary>
public sealed record ItemQuery(
    string? Label = null, DatasetSplit? Split = null, string? Search = null, ItemOrder Order = ItemOrder.Path,
    string? Cursor = null, int? Position = null, int? Limit = null);
