using Npgsql;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Storage.Tests.TestKit;

/// <summary>The test kit's PostgreSQL helper, proven against the server .ci/start-services.sh starts.</summary>
public sealed class PostgresDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachDatabaseIsFreshAndDroppedOnDispose()
    {
        string name;
        await using (var database = await PostgresDatabase.CreateAsync(Ct))
        await using (var other = await PostgresDatabase.CreateAsync(Ct))
        {
            name = database.Name;
            other.Name.ShouldNotBe(name);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("CREATE TABLE t (id int); INSERT INTO t VALUES (1); SELECT current_database()", connection);
            (await command.ExecuteScalarAsync(Ct)).ShouldBe(name);
        }

        (await DatabaseExistsAsync(name)).ShouldBeFalse();
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }
}
