using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Api.Infrastructure;

/// <summary>The Hangfire dashboard is for platform administrators only: the same policy as the admin API.</summary>
public sealed class HangfireAdminFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, AuthSchemes.AdminPolicy)).Succeeded;
    }
}
