using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Platform.Storage.Data;

/// <summary>
/// Named locks that close check-then-act races (the first administrator, the last owner, a quota reservation, the
/// chunk at one offset). On PostgreSQL they are session advisory locks, so every api replica waits for the same lock;
/// SQLite is the embedded, single-process mode, where a lock per name inside the process serializes the same work.
/// </summary>
public sealed class DatabaseLocks(DatabaseOptions options)
{
    private readonly Dictionary<string, LocalLock> _local = new();

    /// <summary>Waits for the lock named <paramref name="name"/>; disposing the result releases it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct)
    {
        if (!options.IsPostgres) return await AcquireLocalAsync(name, ct);

        var key = Key(name);
        var connection = new NpgsqlConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", key, ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new Release(async () =>
        {
            // Unlocked explicitly: a pooled connection's session outlives Dispose. A session that breaks instead
            // releases its locks as PostgreSQL ends it.
            try { await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", key, CancellationToken.None); }
            finally { await connection.DisposeAsync(); }
        });
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, long key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = key } } };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A lock per name that is forgotten when nobody holds or waits for it, so names (upload ids) do not pile up.</summary>
    private async Task<IAsyncDisposable> AcquireLocalAsync(string name, CancellationToken ct)
    {
        LocalLock entry;
        lock (_local)
        {
            if (!_local.TryGetValue(name, out entry!)) _local[name] = entry = new LocalLock();
            entry.Users++;
        }
        try { await entry.Gate.WaitAsync(ct); }
        catch
        {
            Leave(name, entry);
            throw;
        }
        return new Release(() =>
        {
            entry.Gate.Release();
            Leave(name, entry);
            return ValueTask.CompletedTask;
        });
    }

    private void Leave(string name, LocalLock entry)
    {
        lock (_local)
            if (--entry.Users == 0) _local.Remove(name);
    }

    private sealed class LocalLock
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private static long Key(string name) => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("platform:" + name)));

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}
