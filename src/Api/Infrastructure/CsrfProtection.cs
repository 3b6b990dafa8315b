namespace Platform.Api.Infrastructure;

/// <summary>
/// Cookie sessions are protected against cross-site request forgery twice: the cookie is SameSite=Strict, and every
/// unsafe /api request without a bearer token must carry the X-Platform-Csrf header, which a cross-site form cannot
/// send and a cross-origin script cannot add without a CORS preflight that this server never grants.
/// </summary>
public static class CsrfProtection
{
    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && !bearer && request.Path.StartsWithSegments("/api") && !request.Headers.ContainsKey(PlatformClient.CsrfHeader))
        {
            await TypedResults.Problem(statusCode: 400, title: "Missing anti-forgery header.",
                detail: $"Requests signed in with a cookie must send the {PlatformClient.CsrfHeader} header.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    /// <summary>
    /// JSON API bodies are small; a bigger body is refused with 413 before it is read. An endpoint may declare another
    /// limit (<see cref="WithJsonBodyLimit"/>), so this runs after routing.
    /// </summary>
    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (http, next) =>
    {
        // MLflow's routes have their own limit and answer it in MLflow's error shape.
        if (http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments(Endpoints.MlflowApi.Prefix) && http.Request.HasJsonContentType()
            && (http.GetEndpoint()?.Metadata.GetMetadata<JsonBodyLimit>() is { } declared ? declared.Bytes : maxBytes) is { } limitBytes)
        {
            if (http.Request.ContentLength > limitBytes)
            {
                await TypedResults.Problem(statusCode: 413, title: "Request too large.",
                    detail: $"A JSON request body may be at most {limitBytes / 1024:N0} KiB here.").ExecuteAsync(http);
                return;
            }
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = limitBytes;
        }
        await next(http);
    });

    /// <summary>Another JSON body limit for this endpoint than the API's; null: none (a file that happens to be JSON).</summary>
    public static TBuilder WithJsonBodyLimit<TBuilder>(this TBuilder builder, long? bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new JsonBodyLimit(bytes));
}

public sealed record JsonBodyLimit(long? Bytes);
