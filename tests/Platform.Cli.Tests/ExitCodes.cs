namespace Platform.Cli.Tests;

/// <summary>The exit codes docs/cli.md promises scripts; written out here so a change to the tool's numbers fails.</summary>
public static class ExitCodes
{
    public const int Usage = 1;
    public const int Unauthorized = 2;
    public const int NotFound = 3;
    public const int RemoteFailed = 4;
    public const int Refused = 5;
    public const int Interrupted = 130;
}
