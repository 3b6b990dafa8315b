using Microsoft.AspNetCore.Authorization;

namespace Platform.Api.Auth;

/// <summary>Platform administrators (the first account, and those it makes admins).</summary>
public sealed class AdminRequirement : IAuthorizationRequirement;

public sealed class AdminRequirementHandler(PlatformDb db) : AuthorizationHandler<AdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (context.User.TryUserId() is not { } id) return;
        var user = await db.Users.FindAsync(id);
        if (user is { IsAdmin: true, IsDisabled: false }) context.Succeed(requirement);
    }
}
