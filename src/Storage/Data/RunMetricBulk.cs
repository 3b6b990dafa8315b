using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>
/// Appends metric points without change tracking, inside the context's open transaction: binary COPY on
/// PostgreSQL, one prepared INSERT on SQLite. Tracking and ingest clients send thousands of points per second;
/// EF Core's change tracker (with the identity key read back per row) would be the bottleneck.
/// </summary>
public static class RunMetricBulk
{
    private const string Columns = "\"RunId\", \"Name\", \"Step\", \"Epoch\", \"Timestamp\", \"StoredValue\"";

    public static async Task InsertAsync(PlatformDb db, IReadOnlyList<RunMetric> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Metric points are written inside a transaction.");
        switch (transaction.Connection)
        {
            case NpgsqlConnection postgres: await CopyAsync(postgres, rows, ct); break;
            case SqliteConnection sqlite: await InsertAsync(sqlite, (SqliteTransaction)transaction, rows, ct); break;
            default: throw new NotSupportedException($"No bulk path for {transaction.Connection?.GetType().Name}.");
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<RunMetric> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"RunMetrics\" ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.RunId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.Name, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Step, NpgsqlDbType.Bigint, ct);
            if (row.Epoch is { } epoch) await writer.WriteAsync(epoch, NpgsqlDbType.Integer, ct);
            else await writer.WriteNullAsync(ct);
            await writer.WriteAsync(row.Timestamp, NpgsqlDbType.Bigint, ct);
            if (row.StoredValue is { } value) await writer.WriteAsync(value, NpgsqlDbType.Double, ct);
            else await writer.WriteNullAsync(ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RunMetric> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"RunMetrics\" ({Columns}) VALUES ($run, $name, $step, $epoch, $timestamp, $value)";
        var run = command.Parameters.Add("$run", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var step = command.Parameters.Add("$step", SqliteType.Integer);
        var epoch = command.Parameters.Add("$epoch", SqliteType.Integer);
        var timestamp = command.Parameters.Add("$timestamp", SqliteType.Integer);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        await command.PrepareAsync(ct);
        string? lastRun = null;
        Guid lastRunId = default;
        foreach (var row in rows)
        {
            // EF Core stores Guids on SQLite as upper-case text.
            if (lastRun is null || row.RunId != lastRunId) (lastRunId, lastRun) = (row.RunId, row.RunId.ToString().ToUpperInvariant());
            run.Value = lastRun;
            name.Value = row.Name;
            step.Value = row.Step;
            epoch.Value = (object?)row.Epoch ?? DBNull.Value;
            timestamp.Value = row.Timestamp;
            value.Value = (object?)row.StoredValue ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
