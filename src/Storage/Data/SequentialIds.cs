using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Platform.Storage.Data;

/// <summary>
/// Version-7-shaped ids that sort in the order they are made: a millisecond timestamp and random bits shared by one
/// batch, then a counter. Items get them in path order, so keyset paging by id lists a version by path.
/// </summary>
public sealed class SequentialIds
{
    private readonly byte[] _prefix = new byte[10];
    private long _next;

    public SequentialIds(DateTimeOffset now)
    {
        BinaryPrimitives.WriteInt64BigEndian(_prefix.AsSpan(0, 8), now.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(_prefix.AsSpan(6, 4));
        _prefix[6] = (byte)(0x70 | (_prefix[6] & 0x0F));
        _prefix[8] = (byte)(0x80 | (_prefix[8] & 0x3F));
    }

    public Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        _prefix.CopyTo(bytes);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, _next++);
        counter[2..].CopyTo(bytes[10..]);
        return new Guid(bytes, bigEndian: true);
    }
}
