using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Api.Auth;

/// <summary>Automated installs: Platform:Admin:Email and Platform:Admin:Password create the first administrator at start.</summary>
public static class AdminSeeding
{
    public static async Task SeedAdminAsync(IServiceProvider services, IConfiguration configuration)
    {
        var email = configuration["Platform:Admin:Email"];
        var password = configuration["Platform:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        await using var _ = await scope.ServiceProvider.GetRequiredService<DatabaseLocks>().AcquireAsync(Endpoints.SetupApi.FirstAdminLock, CancellationToken.None);
        if (await db.Users.AnyAsync()) return;
        var validation = new Validation().Email("email", email).Password("password", password);
        if (!validation.IsValid)
            throw new InvalidOperationException("Platform:Admin is not valid: " + string.Join(" ", validation.Errors.SelectMany(e => e.Value)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var created = await UserAccounts.CreateLocalAsync(users, email, password, configuration["Platform:Admin:DisplayName"], isAdmin: true, clock);
        if (created.User is null) throw new InvalidOperationException("Platform:Admin could not be created.");
        db.Audit(clock, AuditActions.FirstAdminCreated, null, created.User, created.User.Email, "from configuration");
        await db.SaveChangesAsync();
    }
}
