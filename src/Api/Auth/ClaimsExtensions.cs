using System.Security.Claims;

namespace Platform.Api.Auth;

public static class ClaimsExtensions
{
    /// <summary>Set when the caller signed in with a token made for one workspace.</summary>
    public const string TokenWorkspaceClaim = "platform:token_workspace";

    public static Guid? TokenWorkspaceId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TokenWorkspaceClaim), out var id) ? id : null;

    /// <summary>Whether the caller may reach this workspace at all: a workspace token reaches only its own.</summary>
    public static bool MayReach(this ClaimsPrincipal user, Guid workspaceId) => user.TokenWorkspaceId() is not { } only || only == workspaceId;

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not signed in.");

    public static Guid? TryUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
