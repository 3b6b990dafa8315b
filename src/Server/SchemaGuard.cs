using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;

namespace Platform.Server;

/// <summary>Refuses a database that a newer build has migrated: this build would read and write tables it does not know.</summary>
public static class SchemaGuard
{
    public static async Task EnsureNotNewerAsync(PlatformDb db, CancellationToken ct = default)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var unknown = applied.Where(m => !known.Contains(m)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return;
        var newest = applied.Max(StringComparer.Ordinal)!;
        var ours = known.Max(StringComparer.Ordinal) ?? "(none)";
        throw new NewerSchemaException(
            $"The database schema is newer than this build: its newest migration is {newest}, this build's newest is {ours} " +
            $"({unknown.Count} migration(s) unknown to this build). Run the release that migrated it, or a newer one; " +
            "migrations are forward-only, so an older build cannot run against it.");
    }
}

public sealed class NewerSchemaException(string message) : Exception(message);
