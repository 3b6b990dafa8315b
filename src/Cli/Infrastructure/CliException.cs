namespace Platform.Cli.Infrastructure;

/// <summary>A failure explained to the person at the terminal, with the exit code scripts see.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);
    public static CliException RemoteFailed(string message) => new(ExitCodes.RemoteFailed, message);
}
