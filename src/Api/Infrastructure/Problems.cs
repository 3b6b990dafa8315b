namespace Platform.Api.Infrastructure;

public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: 404, title: "Not found.", detail: $"{what} was not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: 409, title: "Conflict.", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: 403, title: "Forbidden.", detail: detail);
}
