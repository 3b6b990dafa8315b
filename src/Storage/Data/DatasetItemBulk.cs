using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

/// <summary>
/// Writes a version's item rows without change tracking, inside the context's open transaction: binary COPY on
/// PostgreSQL, one prepared INSERT on SQLite. A million rows through EF Core's change tracker took 37 s here.
/// Values are written the way EF Core writes them (SQLite: Guids as upper-case text, enums as their names).
/// </summary>
public static class DatasetItemBulk
{
    private static readonly string[] Columns =
        ["Id", "VersionId", "Path", "FileName", "Label", "Split", "Sha256", "Size", "Width", "Height", "BoxesJson", "Text"];

    private static string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c}\""));

    public static async Task InsertAsync(PlatformDb db, IEnumerable<DatasetItem> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Item rows are written inside the version's transaction.");
        switch (transaction.Connection)
        {
            case NpgsqlConnection postgres: await CopyAsync(postgres, rows, ct); break;
            case SqliteConnection sqlite: await InsertAsync(sqlite, (SqliteTransaction)transaction, rows, ct); break;
            default: throw new NotSupportedException($"No bulk path for {transaction.Connection?.GetType().Name}.");
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<DatasetItem> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"DatasetItems\" ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.VersionId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.Path, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.FileName, NpgsqlDbType.Varchar, ct);
            await WriteAsync(writer, row.Label, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Split.ToString(), NpgsqlDbType.Varchar, ct);
            await WriteAsync(writer, row.Sha256, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Size, NpgsqlDbType.Bigint, ct);
            await WriteAsync(writer, row.Width, NpgsqlDbType.Integer, ct);
            await WriteAsync(writer, row.Height, NpgsqlDbType.Integer, ct);
            await WriteAsync(writer, row.BoxesJson, NpgsqlDbType.Text, ct);
            await WriteAsync(writer, row.Text, NpgsqlDbType.Text, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<DatasetItem> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"DatasetItems\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var p = Columns.Select(c => command.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
        p[7].SqliteType = p[8].SqliteType = p[9].SqliteType = SqliteType.Integer;
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            p[0].Value = row.Id.ToString().ToUpperInvariant();
            p[1].Value = row.VersionId.ToString().ToUpperInvariant();
            p[2].Value = row.Path;
            p[3].Value = row.FileName;
            p[4].Value = (object?)row.Label ?? DBNull.Value;
            p[5].Value = row.Split.ToString();
            p[6].Value = (object?)row.Sha256 ?? DBNull.Value;
            p[7].Value = row.Size;
            p[8].Value = (object?)row.Width ?? DBNull.Value;
            p[9].Value = (object?)row.Height ?? DBNull.Value;
            p[10].Value = (object?)row.BoxesJson ?? DBNull.Value;
            p[11].Value = (object?)row.Text ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
