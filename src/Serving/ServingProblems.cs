namespace Platform.Serving;

/// <summary>The predict route's refusals, as problem+json.</summary>
public static class ServingProblems
{
    public static IResult NotFound() => TypedResults.Problem(statusCode: 404, title: "Not found.", detail: "The endpoint was not found.");

    public static IResult Unauthorized(string detail) => TypedResults.Problem(statusCode: 401, title: "Unauthorized.", detail: detail);

    public static IResult BadInput(string detail) => TypedResults.Problem(statusCode: 400, title: "Invalid input.", detail: detail);

    public static IResult Unsupported(string detail) => TypedResults.Problem(statusCode: 415, title: "Unsupported content type.", detail: detail);

    public static IResult TooLarge(string detail) => TypedResults.Problem(statusCode: 413, title: "Request too large.", detail: detail);

    /// <summary>503 with Retry-After: the endpoint is loading, full, or not served by this process yet.</summary>
    public static IResult Unavailable(HttpContext http, string title, string detail, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 503, title: title, detail: detail);
    }
}
