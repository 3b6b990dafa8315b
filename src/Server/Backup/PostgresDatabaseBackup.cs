using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Storage.Data;

namespace Platform.Server.Backup;

/// <summary>
/// PostgreSQL: <c>pg_dump --format=custom</c> of the platform's tables (one snapshot), and <c>pg_restore</c> in one
/// transaction. Hangfire's schema is left out: the database rows are the source of truth and the reconciler
/// re-enqueues queued and running work at start.
/// </summary>
public sealed class PostgresDatabaseBackup(PlatformDb db, PostgresTools tools) : IDatabaseBackup
{
    public string Provider => "postgres";
    public string FileName => "database.pgdump";

    public Task DumpAsync(string path, CancellationToken ct) =>
        tools.RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--exclude-schema=hangfire", $"--file={path}"], ct);

    public Task<long> CountDataAsync(CancellationToken ct) => DatabaseCounts.UsersAndWorkspacesAsync(db,
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'AspNetUsers'", ct);

    public async Task RestoreAsync(string path, CancellationToken ct)
    {
        await ClearAsync(ct);
        await tools.RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", path], ct);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Drops what an earlier instance left (its tables, its Hangfire jobs) so the dump restores into a clean schema.</summary>
    private async Task ClearAsync(CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""
            DROP SCHEMA IF EXISTS hangfire CASCADE;
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public') THEN
                    DROP SCHEMA public CASCADE;
                    CREATE SCHEMA public;
                END IF;
            END $$;
            """, ct);
        NpgsqlConnection.ClearAllPools();
    }
}
