using Microsoft.AspNetCore.Identity;

namespace Platform.Api.Auth;

public static class UserAccounts
{
    public sealed record Created(User? User, ValidationProblem? Problem);

    /// <summary>Creates a local account with a hashed password; Identity's refusals become per-field messages.</summary>
    public static async Task<Created> CreateLocalAsync(UserManager<User> users, string email, string password, string? displayName, bool isAdmin, TimeProvider clock)
    {
        var normalized = email.Trim();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = normalized,
            Email = normalized,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? normalized.Split('@')[0] : displayName.Trim(),
            IsAdmin = isAdmin,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) return new(user, null);
        var validation = new Validation();
        foreach (var error in result.Errors)
            validation.Add(error.Code.Contains("Password") ? "password" : "email",
                error.Code is "DuplicateEmail" or "DuplicateUserName" ? "An account with this email already exists." : error.Description);
        return new(null, validation.Problem());
    }
}
