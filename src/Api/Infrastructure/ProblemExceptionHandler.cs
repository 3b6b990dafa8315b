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
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", Describe(bad, http)),
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

    public const string BadBody = "The request body is missing or is not valid JSON: ";

    /// <summary>
    /// Malformed JSON and wrong types arrive wrapped; show the inner parser message, which names the field. A missing
    /// body gets the framework's "Implicit body inferred…" text, which means nothing to a client: say what it is.
    /// </summary>
    private static string Describe(BadHttpRequestException bad, HttpContext http) => bad.InnerException switch
    {
        System.Text.Json.JsonException json => BadBody + json.Message,
        { } inner => inner.Message,
        null when IsMissingBody(bad, http) => BadBody + "the body is empty or null; send a JSON object.",
        null => bad.Message,
    };

    private static bool IsMissingBody(BadHttpRequestException bad, HttpContext http) =>
        // The handler runs with the endpoint cleared; the feature keeps the one that failed.
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not null
        && (http.Request.ContentLength == 0
            || bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || bad.Message.EndsWith("from body.", StringComparison.Ordinal));
}
