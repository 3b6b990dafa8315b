using Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Api.Infrastructure;

/// <summary>The Hangfire dashboard is for platform administrators only.</summary>
public sealed class HangfireAdminFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.TryUserId() is not { } id) return false;
        var db = http.RequestServices.GetRequiredService<PlatformDb>();
        return (await db.Users.FindAsync(id))?.IsAdmin == true;
    }
}
