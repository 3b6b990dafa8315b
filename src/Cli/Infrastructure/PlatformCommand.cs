using Platform.Contracts;
using Spectre.Console.Cli;

namespace Platform.Cli.Infrastructure;

/// <summary>
/// A command that talks to the server: turns the server's problem details, a missing sign-in, an unreachable server
/// and Ctrl+C into a message on stderr and a documented exit code.
/// </summary>
public abstract class PlatformCommand<TSettings> : AsyncCommand<TSettings> where TSettings : GlobalSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var output = new Output(settings.Output);
        try
        {
            return await RunAsync(settings, output, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (CliException e)
        {
            output.Error(e.Message);
            return e.ExitCode;
        }
        catch (PlatformApiException e)
        {
            output.Error(Describe(e));
            return ExitCodes.ForStatus(e.Status);
        }
        catch (HttpRequestException e)
        {
            output.Error($"Cannot reach the server: {e.Message}");
            return ExitCodes.Unavailable;
        }
        catch (TaskCanceledException e)
        {
            output.Error($"The server did not answer in time: {e.Message}");
            return ExitCodes.Unavailable;
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, Output output, CancellationToken ct);

    /// <summary>The problem's title and detail (and per-field messages), e.g. "Not found (404): No dataset …".</summary>
    public static string Describe(PlatformApiException e)
    {
        var status = $"{(int)e.Status}";
        var title = e.Problem?.Title?.TrimEnd('.');
        var detail = e.Problem?.Errors is { Count: > 0 } ? e.UserMessage : e.Problem?.Detail;
        if (detail is not null && title is not null && detail.TrimEnd('.') == title) detail = null;
        if ((int)e.Status == 401) detail ??= "The token was refused: it may have expired or been revoked. Run platform login again.";
        return (title, detail) switch
        {
            (null, null) => e.Message,
            (null, _) => $"{detail} ({status})",
            (_, null) => $"{title} ({status})",
            _ => $"{title} ({status}): {detail}",
        };
    }
}
