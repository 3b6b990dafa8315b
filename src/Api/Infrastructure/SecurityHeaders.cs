namespace Platform.Api.Infrastructure;

/// <summary>
/// Headers on every response: no MIME sniffing, no framing by other sites, no referrer leaks. The portal gets a
/// strict Content-Security-Policy (its own scripts and WebAssembly only); API responses, which include user files, get
/// a sandbox policy, so a file that a browser renders anyway runs no script on this origin.
/// </summary>
public static class SecurityHeaders
{
    public const string PortalPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ContentPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

    /// <summary>Tools with their own inline scripts (the Hangfire dashboard, the OpenAPI reference) keep the other headers only.</summary>
    private static readonly string[] ToolPaths = ["/hangfire", "/scalar"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi"))
                headers.ContentSecurityPolicy = ContentPolicy;
            else if (!ToolPaths.Any(tool => path.StartsWithSegments(tool)))
                headers.ContentSecurityPolicy = PortalPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
