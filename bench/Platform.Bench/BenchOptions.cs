using System.Globalization;

namespace Platform.Bench;

/// <summary>Reads <c>--name value</c> pairs anywhere in a command's options.</summary>
internal static class BenchOptions
{
    public static double Number(string[] options, string name, double fallback)
    {
        var at = Array.IndexOf(options, name);
        if (at < 0) return fallback;
        if (at + 1 >= options.Length || !double.TryParse(options[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"{name} needs a number.");
        return value;
    }

    public static int Count(string[] options, string name, int fallback) => checked((int)Number(options, name, fallback));
}
