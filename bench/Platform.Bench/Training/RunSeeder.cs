using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench.Training;

/// <summary>
/// Copies one template run (made through the MLflow routes, so every column holds what the server writes) N times
/// straight into the server's database: set-based INSERT … SELECT over a temporary table of new ids, for the run row,
/// its parameters and its metric points. Ids are version-7 Guids in creation order, as the server makes them.
/// </summary>
internal static class RunSeeder
{
    public static async Task<TimeSpan> SeedAsync(BenchServer server, Guid template, int runs)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = server.IsPostgres
            ? (DbConnection)new NpgsqlConnection(server.Database)
            : new SqliteConnection($"Data Source={server.SqliteFile};Default Timeout=60;Pooling=False");
        await connection.OpenAsync();
        if (connection is SqliteConnection) await ExecuteAsync(connection, "PRAGMA busy_timeout = 60000");
        await LoadIdsAsync(connection, runs);
        var templateId = await ScalarAsync(connection, """SELECT "Id" FROM "Runs" """);
        var columns = await RunColumnsAsync(connection);
        var select = string.Join(", ", columns.Select(c => c switch
        {
            "Id" => "b.id",
            "Name" => "'run-' || b.n",
            _ => $"t.\"{c}\"",
        }));
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, $"""
            INSERT INTO "Runs" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            SELECT {select} FROM bench_ids b CROSS JOIN "Runs" t WHERE t."Id" = @template ORDER BY b.n
            """, templateId, transaction);
        await ExecuteAsync(connection, """
            INSERT INTO "RunParams" ("RunId", "Key", "Value")
            SELECT b.id, p."Key", p."Value" || '-' || (b.n % 7) FROM bench_ids b CROSS JOIN "RunParams" p WHERE p."RunId" = @template
            """, templateId, transaction);
        await ExecuteAsync(connection, """
            INSERT INTO "RunMetrics" ("RunId", "Name", "Step", "Epoch", "Timestamp", "StoredValue")
            SELECT b.id, m."Name", m."Step", m."Epoch", m."Timestamp", m."StoredValue" * (1 + (b.n % 100) / 1000.0)
            FROM bench_ids b CROSS JOIN "RunMetrics" m WHERE m."RunId" = @template ORDER BY b.n, m."Id"
            """, templateId, transaction);
        await transaction.CommitAsync();
        // PostgreSQL's autovacuum would analyze tables this size soon after; SQLite has no statistics unless asked.
        if (server.IsPostgres) await ExecuteAsync(connection, "ANALYZE");
        return clock.Elapsed;
    }

    private static async Task LoadIdsAsync(DbConnection connection, int runs)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        if (connection is NpgsqlConnection npgsql)
        {
            await ExecuteAsync(connection, "CREATE TEMP TABLE bench_ids (id uuid NOT NULL, n integer NOT NULL)");
            await using var writer = await npgsql.BeginBinaryImportAsync("COPY bench_ids (id, n) FROM STDIN (FORMAT BINARY)");
            for (var n = 0; n < runs; n++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(start.AddSeconds(n)), NpgsqlDbType.Uuid);
                await writer.WriteAsync(n, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
            return;
        }
        await ExecuteAsync(connection, "CREATE TEMP TABLE bench_ids (id TEXT NOT NULL, n INTEGER NOT NULL)");
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO bench_ids (id, n) VALUES (@id, @n)";
        var id = insert.CreateParameter();
        id.ParameterName = "@id";
        var number = insert.CreateParameter();
        number.ParameterName = "@n";
        insert.Parameters.Add(id);
        insert.Parameters.Add(number);
        for (var n = 0; n < runs; n++)
        {
            // EF Core stores a Guid in SQLite as upper-case text.
            id.Value = Guid.CreateVersion7(start.AddSeconds(n)).ToString().ToUpperInvariant();
            number.Value = n;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static async Task<List<string>> RunColumnsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is NpgsqlConnection
            ? "SELECT column_name FROM information_schema.columns WHERE table_name = 'Runs' AND table_schema = 'public' ORDER BY ordinal_position"
            : "SELECT name FROM pragma_table_info('Runs')";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    private static async Task<object> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("The template run was not found.");
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, object? template = null, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        if (template is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@template";
            parameter.Value = template;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }
}
