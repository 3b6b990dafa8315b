using Microsoft.AspNetCore.Authorization;

namespace Platform.Api.Infrastructure;

/// <summary>Fills in the detail of problems that the framework writes without one (401 and 403 from authorization).</summary>
public static class ProblemDefaults
{
    public const string SignIn = "Sign in or send a bearer token (Authorization: Bearer <token>).";
    public const string AdminsOnly = "Only administrators can use this endpoint.";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null) return;
        problem.Detail = problem.Status switch
        {
            401 => SignIn,
            403 when NeedsAdmin(context.HttpContext) => AdminsOnly,
            403 => "You are not allowed to do this.",
            _ => null,
        };
    }

    private static bool NeedsAdmin(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthSchemes.AdminPolicy) == true;
}
