namespace Platform.Api.Infrastructure;

/// <summary>Download file names made from what users typed: letters, digits, '-', '_' and '.', at most 80 characters.</summary>
public static class FileNames
{
    public static string Safe(string name, string fallback)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? fallback : safe[..Math.Min(safe.Length, 80)];
    }
}
