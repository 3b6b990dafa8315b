namespace Platform.Server.Backup;

/// <summary>Ctrl+C cancels the command's token instead of killing the process, so it can clean up and say what it left.</summary>
public static class CancelOnCtrlC
{
    public static CancellationTokenSource Create()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            try { source.Cancel(); } catch (ObjectDisposedException) { }
        };
        return source;
    }
}
