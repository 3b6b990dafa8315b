using System.Xml.Linq;
using Spectre.Console;

namespace Platform.Cli.Completion;

/// <summary>
/// The registered command tree as Spectre.Console.Cli describes it (its built-in <c>cli xmldoc</c> command), so
/// completion follows the commands and options exactly as they are registered.
/// </summary>
public static class CommandModelReader
{
    public static async Task<XElement> ReadAsync()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1_000_000;
        await CliApp.Create(console).RunAsync(["cli", "xmldoc"]);
        return XElement.Parse(writer.ToString());
    }
}
