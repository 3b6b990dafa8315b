namespace Platform.Datasets.Images;

/// <summary>What a file really is, from its first bytes, whatever its name says.</summary>
public static class ImageFormats
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs to recognize every format it knows.</summary>
    public const int HeaderBytes = 12;

    /// <summary>"png", "jpeg", "gif", "webp" or "bmp" from the file's magic bytes; null when it is none of them (or too short to tell).</summary>
    public static string? Sniff(ReadOnlySpan<byte> header) => header switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        [(byte)'B', (byte)'M', _, _, _, _, 0, 0, 0, 0, ..] => "bmp",
        _ => null,
    };

    /// <summary>The media type of a format <see cref="Sniff"/> returns ("image/png"...), or null for null.</summary>
    public static string? ContentType(string? format) => format is null ? null : "image/" + format;
}
