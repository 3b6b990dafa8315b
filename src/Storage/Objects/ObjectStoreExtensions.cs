namespace Platform.Storage.Objects;

public static class ObjectStoreExtensions
{
    /// <summary>Opens the object, or null when it does not exist: one round trip instead of a stat and then a read.</summary>
    public static async Task<Stream?> TryOpenReadAsync(this IObjectStore store, string key, CancellationToken ct = default)
    {
        try { return await store.OpenReadAsync(key, ct); }
        catch (ObjectNotFoundException) { return null; }
    }
}
