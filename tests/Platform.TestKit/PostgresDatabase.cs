using Npgsql;
using Xunit;

namespace Platform.TestKit;

/// <summary>
/// A fresh, uniquely named database on the test PostgreSQL server, dropped on dispose.
/// Use it as a class or collection fixture (<c>IClassFixture&lt;PostgresDatabase&gt;</c>) or create one with
/// <see cref="CreateAsync"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string Name { get; } = $"platform_test_{Guid.NewGuid():N}";

    /// <summary>Connection string for this database; it exists once the fixture is initialized.</summary>
    public string ConnectionString { get; }

    public PostgresDatabase() =>
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = Name }.ConnectionString;

    public static async Task<PostgresDatabase> CreateAsync(CancellationToken ct = default)
    {
        var database = new PostgresDatabase();
        await database.CreateDatabaseAsync(ct);
        return database;
    }

    public async ValueTask InitializeAsync() => await CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Pooled connections to the database would block DROP; FORCE ends the ones held elsewhere.
        using (var connection = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    private Task CreateDatabaseAsync(CancellationToken ct) => ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\"", ct);

    private static async Task ExecuteOnServerAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
