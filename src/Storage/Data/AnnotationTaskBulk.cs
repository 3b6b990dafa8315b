using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>
/// Writes a new project's tasks without change tracking, inside the context's open transaction, like
/// <see cref="DatasetItemBulk"/>: binary COPY on PostgreSQL, one prepared INSERT on SQLite. Only the columns a new task
/// sets; the others (holds, reviews, suggestions, times) start empty.
/// </summary>
public static class AnnotationTaskBulk
{
    private static readonly string[] Columns =
        ["Id", "ProjectId", "WorkspaceId", "ItemId", "Ordinal", "Replica", "State", "LabelId", "BoxesJson", "LabelSet", "FromVersion", "Revision", "SuggestionTaken"];

    private static string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c}\""));

    public static async Task InsertAsync(PlatformDb db, IEnumerable<AnnotationTask> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Task rows are written inside the project's transaction.");
        switch (transaction.Connection)
        {
            case NpgsqlConnection postgres: await CopyAsync(postgres, rows, ct); break;
            case SqliteConnection sqlite: await InsertAsync(sqlite, (SqliteTransaction)transaction, rows, ct); break;
            default: throw new NotSupportedException($"No bulk path for {transaction.Connection?.GetType().Name}.");
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<AnnotationTask> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"AnnotationTasks\" ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.ProjectId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.WorkspaceId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.ItemId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.Ordinal, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.Replica, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.State.ToString(), NpgsqlDbType.Varchar, ct);
            if (row.LabelId is { } label) await writer.WriteAsync(label, NpgsqlDbType.Integer, ct); else await writer.WriteNullAsync(ct);
            if (row.BoxesJson is { } boxes) await writer.WriteAsync(boxes, NpgsqlDbType.Text, ct); else await writer.WriteNullAsync(ct);
            await writer.WriteAsync(row.LabelSet, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.FromVersion, NpgsqlDbType.Boolean, ct);
            await writer.WriteAsync(row.Revision, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(row.SuggestionTaken, NpgsqlDbType.Boolean, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<AnnotationTask> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"AnnotationTasks\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var p = Columns.Select(c => command.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
        foreach (var i in new[] { 4, 5, 7, 10, 11, 12 }) p[i].SqliteType = SqliteType.Integer;
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            p[0].Value = row.Id.ToString().ToUpperInvariant();
            p[1].Value = row.ProjectId.ToString().ToUpperInvariant();
            p[2].Value = row.WorkspaceId.ToString().ToUpperInvariant();
            p[3].Value = row.ItemId.ToString().ToUpperInvariant();
            p[4].Value = row.Ordinal;
            p[5].Value = row.Replica;
            p[6].Value = row.State.ToString();
            p[7].Value = (object?)row.LabelId ?? DBNull.Value;
            p[8].Value = (object?)row.BoxesJson ?? DBNull.Value;
            p[9].Value = row.LabelSet;
            p[10].Value = row.FromVersion ? 1 : 0;
            p[11].Value = row.Revision;
            p[12].Value = row.SuggestionTaken ? 1 : 0;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
