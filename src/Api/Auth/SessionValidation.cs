using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Api.Auth;

/// <summary>
/// A session cookie is valid only while the account's security stamp is the one it was issued with. Signing out and
/// changing the password rotate the stamp, so a copied cookie dies with the session it came from (and every other
/// session of the account); a disabled account has no valid session. One indexed read per request; no cookie renewal.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var issued = context.Principal?.FindFirst(claimType)?.Value;
        var userId = context.Principal?.TryUserId();
        var current = userId is { } id && issued is not null
            ? await services.GetRequiredService<PlatformDb>().Users.AsNoTracking().Where(u => u.Id == id && u.DisabledAt == null)
                .Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted)
            : null;
        if (current is null || !string.Equals(current, issued, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
