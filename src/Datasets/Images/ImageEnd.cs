using System.Buffers.Binary;

namespace Platform.Datasets.Images;

/// <summary>
/// Where the encoded image ends inside its file, found from the format's own structure without decoding: after PNG's
/// IEND chunk, after JPEG's EOI marker, at the end of WebP's RIFF container. Bytes past it are not part of the image.
/// </summary>
internal static class ImageEnd
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The offset just past the image's last byte; null when the format has no such end or the structure cannot be followed (the decoder then reports it).</summary>
    public static long? Find(Stream seekable, string? format)
    {
        seekable.Position = 0;
        return format switch
        {
            "png" => Png(seekable),
            "jpeg" => Jpeg(seekable),
            "webp" => WebP(seekable),
            _ => null,
        };
    }

    private static long? Png(Stream s)
    {
        Span<byte> head = stackalloc byte[8];
        if (!TryRead(s, head) || !head.SequenceEqual(PngSignature)) return null;
        while (TryRead(s, head))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(head);
            var end = s.Position + length + 4;
            if (length > int.MaxValue || end > s.Length) return null;
            if (head[4..].SequenceEqual("IEND"u8)) return end;
            s.Position = end;
        }
        return null;
    }

    private static long? WebP(Stream s)
    {
        Span<byte> head = stackalloc byte[12];
        if (!TryRead(s, head)) return null;
        var size = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        return 8L + size + (size & 1);
    }

    /// <summary>Follows the marker segments; after each start of scan, skips the entropy-coded data to the next marker.</summary>
    private static long? Jpeg(Stream s)
    {
        var reader = new ByteReader(s);
        if (reader.Next() != 0xFF || reader.Next() != 0xD8) return null;
        var pending = -1;
        while (true)
        {
            var marker = pending;
            pending = -1;
            if (marker < 0)
            {
                if (reader.Next() != 0xFF) return null;
                do marker = reader.Next(); while (marker == 0xFF);
            }
            switch (marker)
            {
                case < 0: return null;
                case 0xD9: return reader.Position;
                case 0x01 or (>= 0xD0 and <= 0xD7): continue;
            }
            var (high, low) = (reader.Next(), reader.Next());
            if (high < 0 || low < 0 || (high << 8 | low) < 2 || !reader.Skip((high << 8 | low) - 2)) return null;
            if (marker == 0xDA && (pending = reader.MarkerAfterEntropyCodedData()) < 0) return null;
        }
    }

    private static bool TryRead(Stream s, Span<byte> buffer) => s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    /// <summary>Buffered byte access to a seekable stream, for the JPEG walk.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _offset, _count;
        private long _start;

        public long Position => _start + _offset;

        public int Next()
        {
            if (_offset == _count && !Fill()) return -1;
            return _buffer[_offset++];
        }

        public bool Skip(long bytes)
        {
            var target = Position + bytes;
            if (target > stream.Length) return false;
            if (target <= _start + _count) _offset = (int)(target - _start);
            else (_start, _offset, _count, stream.Position) = (target, 0, 0, target);
            return true;
        }

        /// <summary>
        /// Reads past the entropy-coded data to the next marker and returns its code (-1 at the end of the file): a 0xFF
        /// followed by a stuffed 0x00 or a restart marker is still data.
        /// </summary>
        public int MarkerAfterEntropyCodedData()
        {
            while (true)
            {
                if (_offset == _count && !Fill()) return -1;
                var found = _buffer.AsSpan(_offset, _count - _offset).IndexOf((byte)0xFF);
                if (found < 0)
                {
                    _offset = _count;
                    continue;
                }
                _offset += found + 1;
                int next;
                do next = Next(); while (next == 0xFF);
                if (next != 0x00 && next is not (>= 0xD0 and <= 0xD7)) return next;
            }
        }

        private bool Fill()
        {
            _start += _count;
            _offset = 0;
            stream.Position = _start;
            _count = stream.Read(_buffer);
            return _count > 0;
        }
    }
}
