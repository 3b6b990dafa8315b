using System.Text;

namespace Platform.Storage.Objects;

/// <summary>The rules every object key obeys, whichever store holds it: a relative, '/'-separated path.</summary>
public static class ObjectKey
{
    /// <summary>The longest key, in bytes of UTF-8 (the S3 limit).</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns <paramref name="key"/> when valid; throws <see cref="InvalidObjectKeyException"/> otherwise.</summary>
    public static string Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
            throw new InvalidObjectKeyException(key, "it is empty");
        if (key.EndsWith('/'))
            throw new InvalidObjectKeyException(key, "it ends with '/', which names a folder, not an object");
        CheckPath(key);
        return key;
    }

    /// <summary>
    /// Checks a listing prefix: empty (everything) or the start of a key, optionally ending with '/'.
    /// The same rules as keys apply to every complete segment.
    /// </summary>
    public static string ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
            return prefix;
        CheckPath(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        return prefix;
    }

    private static void CheckPath(string key)
    {
        // S3 limits keys to 1024 bytes of UTF-8, so count bytes, not characters.
        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxLength)
            throw new InvalidObjectKeyException(Shorten(key), $"it is {bytes} bytes long in UTF-8; the limit is {MaxLength}");
        if (key.StartsWith('/'))
            throw new InvalidObjectKeyException(key, "it is an absolute path; keys are relative and must not start with '/'");
        if (key.Length >= 2 && key[1] == ':' && char.IsAsciiLetter(key[0]))
            throw new InvalidObjectKeyException(key, "it starts with a drive letter; keys are relative paths");
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                throw new InvalidObjectKeyException(key, "it contains an unpaired surrogate, which is not valid Unicode");
            if (c == '\\')
                throw new InvalidObjectKeyException(key, "it contains a backslash; use '/' to separate segments");
            if (char.IsControl(c))
                throw new InvalidObjectKeyException(Printable(key), $"it contains the control character U+{(int)c:X4}");
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
                throw new InvalidObjectKeyException(key, "it contains an empty segment ('//' or a leading '/')");
            if (segment is "." or "..")
                throw new InvalidObjectKeyException(key, $"it contains a '{segment}' segment; relative navigation is not allowed");
        }
    }

    private static string Shorten(string key) => key[..64] + "…";

    private static string Printable(string key) =>
        string.Concat(key.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
