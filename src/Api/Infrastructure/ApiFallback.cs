using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Answers /api requests that no endpoint took. A catch-all route is a candidate for every method and content
/// type, so routing never produces its own 405 or 415 while it exists; this fallback tells them apart itself: the
/// path matches no route (404), matches routes for other methods (405 with Allow), or matches a route that
/// takes a different content type (415 naming it). Problem+json either way, never the portal page.
/// </summary>
public static class ApiFallback
{
    public const string NoSuchEndpoint = "There is no such API endpoint.";

    public static RouteHandlerBuilder MapApiFallback(this IEndpointRouteBuilder app) =>
        app.MapFallback("/api/{**rest}", Answer).ExcludeFromDescription();

    private static IResult Answer(HttpContext http, EndpointDataSource endpoints, ParameterPolicyFactory policies)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue && Matches(e.RoutePattern, http, policies))
            .ToList();
        var method = http.Request.Method;
        var sameMethod = routes.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } m
            || m.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (routes.Count > 0 && sameMethod.Count == 0)
        {
            var allowed = routes.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            http.Response.Headers.Allow = string.Join(", ", allowed);
            return TypedResults.Problem(statusCode: 405, title: "Method not allowed.",
                detail: $"{method} is not allowed here; this endpoint takes {string.Join(", ", allowed)}.");
        }
        var accepted = sameMethod.SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (accepted.Count > 0)
        {
            var sent = string.IsNullOrEmpty(http.Request.ContentType) ? "no content type" : http.Request.ContentType;
            return TypedResults.Problem(statusCode: 415, title: "Unsupported media type.",
                detail: $"This endpoint takes {string.Join(" or ", accepted)}; the request was sent as {sent}.");
        }
        return TypedResults.Problem(statusCode: 404, title: "Not found.", detail: NoSuchEndpoint);
    }

    /// <summary>Whether the request path fits the route, constraints ({id:guid}) included.</summary>
    private static bool Matches(RoutePattern pattern, HttpContext http, ParameterPolicyFactory policies)
    {
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)).TryMatch(http.Request.Path, values))
            return false;
        foreach (var (name, references) in pattern.ParameterPolicies)
        {
            var parameter = pattern.GetParameter(name);
            foreach (var reference in references)
                if (policies.Create(parameter, reference) is IRouteConstraint constraint
                    && !constraint.Match(http, null, name, values, RouteDirection.IncomingRequest))
                    return false;
        }
        return true;
    }
}
