using System.Runtime.CompilerServices;

namespace Platform.Jobs.Training;

/// <summary>SHA-256 hashes kept as 32 bytes each (a hex string costs five times that), read back as the store's hex keys.</summary>
internal sealed class ContentHashes
{
    private readonly List<Hash> hashes = [];

    public void Add(string hex)
    {
        var hash = default(Hash);
        if (hex.Length != 64 || Convert.FromHexString(hex, hash, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new FormatException($"'{hex}' is not a SHA-256 in hex.");
        hashes.Add(hash);
    }

    public string this[int index]
    {
        get
        {
            var hash = hashes[index];
            return Convert.ToHexStringLower(hash);
        }
    }

    [InlineArray(32)]
    private struct Hash
    {
        private byte first;
    }
}
