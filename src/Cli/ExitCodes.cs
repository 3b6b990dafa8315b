using System.Net;

namespace Platform.Cli;

/// <summary>The exit codes scripts can rely on (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad arguments or options, or a local file that cannot be read.</summary>
    public const int Usage = 1;
    /// <summary>Not signed in, the token was refused (401), or the account may not do this (403).</summary>
    public const int Unauthorized = 2;
    /// <summary>The workspace, dataset, run, model or endpoint does not exist (or is not visible to this account).</summary>
    public const int NotFound = 3;
    /// <summary>The server accepted the work but it failed or was cancelled: an import, an export, a run, a deployment.</summary>
    public const int RemoteFailed = 4;
    /// <summary>The server refused the request: invalid input (400/422), a conflict (409), too large (413), too many requests (429).</summary>
    public const int Refused = 5;
    /// <summary>The server could not be reached or answered with a server error (5xx).</summary>
    public const int Unavailable = 6;
    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT); a push resumes when run again.</summary>
    public const int Interrupted = 130;

    public static int ForStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => Unauthorized,
        404 or 410 => NotFound,
        >= 500 => Unavailable,
        _ => Refused,
    };
}
