using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Platform.Storage.Data;

namespace Platform.Server.Backup;

/// <summary>Raw counts that work on any schema version (the tables they read exist since the first migration).</summary>
public static class DatabaseCounts
{
    public static async Task<long> UsersAndWorkspacesAsync(PlatformDb db, string usersTableExistsSql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (await ScalarAsync(connection, usersTableExistsSql, ct) == 0) return 0;
            return await ScalarAsync(connection, """SELECT (SELECT COUNT(*) FROM "AspNetUsers") + (SELECT COUNT(*) FROM "Workspaces")""", ct);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
