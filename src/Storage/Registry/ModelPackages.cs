using System.Security.Cryptography;
using Platform.Storage.Objects;

namespace Platform.Storage.Registry;

/// <summary>A registered version's package, read whole and checked against the SHA-256 recorded at registration.</summary>
public static class ModelPackages
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the stored bytes are not the registered ones.</summary>
    public static async Task<MemoryStream> ReadVerifiedAsync(IObjectStore store, string key, string sha256, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var stream = await store.OpenReadAsync(key, ct)) await stream.CopyToAsync(buffer, ct);
        if (Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))) != sha256)
        {
            await buffer.DisposeAsync();
            throw new InvalidDataException("its package does not match the SHA-256 registered with it (changed or damaged after registration).");
        }
        buffer.Position = 0;
        return buffer;
    }
}
