using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Platform.Storage.Objects;

namespace Platform.Api.Infrastructure;

/// <summary>Turns the exceptions that mean "bad request" or "illegal state" into problem+json instead of a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is InvalidCursorException)
        {
            await Cursor.Invalid().ExecuteAsync(http);
            return true;
        }
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "Request too large.", "The request body is larger than this endpoint accepts."),
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", Describe(bad)),
            IllegalStateChangeException illegal => (409, "Conflict.", illegal.Message),
            Platform.Storage.Blobs.QuotaExceededException quota => (409, "Storage quota exceeded.", quota.Message),
            InvalidObjectKeyException key => (400, "Invalid name.", key.Message),
            ObjectNotFoundException => (404, "Not found.", "The file was not found."),
            _ => (500, "Something went wrong on the server.", "The error was logged; try again, and tell an administrator if it persists."),
        };
        if (status == 500) logger.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Malformed JSON and wrong types arrive wrapped; show the inner parser message, which names the field.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        System.Text.Json.JsonException json => $"The JSON body could not be read: {json.Message}",
        { } inner => inner.Message,
        null => bad.Message,
    };
}
