using System.Text.Json;
using Platform.Contracts;
using Spectre.Console;

namespace Platform.Cli.Infrastructure;

/// <summary>
/// Where a command writes: results on stdout (a table, or one JSON document with --output json), messages and
/// progress on stderr so that stdout stays parseable.
/// </summary>
public sealed class Output(OutputFormat format)
{
    private static readonly JsonSerializerOptions Indented = new(PlatformClient.Json) { WriteIndented = true };
    private static readonly JsonSerializerOptions Compact = new(PlatformClient.Json) { WriteIndented = false };

    public bool IsJson => format == OutputFormat.Json;

    /// <summary>People's console for results; Spectre renders tables and markup here.</summary>
    public IAnsiConsole Console { get; } = Create(System.Console.Out, System.Console.IsOutputRedirected);

    /// <summary>The console on stderr: progress bars, notes and errors.</summary>
    public IAnsiConsole Messages { get; } = Create(System.Console.Error, System.Console.IsErrorRedirected);

    /// <summary>A console on <paramref name="writer"/>; lines written to a pipe or file are not wrapped at 80 columns.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected) console.Profile.Width = 4096;
        return console;
    }

    /// <summary>Writes <paramref name="value"/> as JSON, or renders it for people with <paramref name="render"/>.</summary>
    public void Result<T>(T value, Action<IAnsiConsole> render)
    {
        if (IsJson) System.Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));
        else render(Console);
    }

    /// <summary>One JSON object on its own line (streams such as runs watch), only with --output json.</summary>
    public void JsonLine<T>(T value)
    {
        System.Console.Out.WriteLine(JsonSerializer.Serialize(value, Compact));
        System.Console.Out.Flush();
    }

    public void Note(string text) => Messages.MarkupLineInterpolated($"[grey]{text}[/]");

    public void Error(string text) => Messages.MarkupLineInterpolated($"[red]error:[/] {text}");

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns) table.AddColumn(column);
        return table;
    }
}
