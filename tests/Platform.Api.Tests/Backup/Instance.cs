using Platform.TestKit;

namespace Platform.Api.Tests.Backup;

/// <summary>One instance's storage: a data folder (SQLite and object folder), or a PostgreSQL database and an S3 bucket.</summary>
public sealed class Instance(string folder, PostgresDatabase? database, TestBucket? bucket) : IAsyncDisposable
{
    public const string Secret = "never-printed-b4ckup";

    public string Folder { get; } = folder;
    public DatabaseProvider Provider => database is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
    public string? PostgresConnectionString => database?.ConnectionString;

    /// <summary>SQLite and the object folder, or (<paramref name="production"/>) PostgreSQL and an S3 bucket unless <paramref name="objectFolder"/>.</summary>
    public static async Task<Instance> CreateAsync(bool production, CancellationToken ct, bool objectFolder = false)
    {
        var folder = Directory.CreateTempSubdirectory("platform-backup-").FullName;
        return production
            ? new Instance(folder, await PostgresDatabase.CreateAsync(ct), objectFolder ? null : TestBucket.New())
            : new Instance(folder, null, null);
    }

    /// <summary>The real host in memory on this storage.</summary>
    public PlatformApp App(string roles) => new(Provider, roles, Folder, database, bucket);

    public Dictionary<string, string> Environment()
    {
        var settings = new Dictionary<string, string> { ["Platform__DataFolder"] = Folder, ["Platform__Port"] = "0" };
        if (database is not null)
        {
            settings["Platform__Database__Provider"] = "postgres";
            // The test server trusts local connections; the password is there to prove no output shows it.
            settings["Platform__Database__ConnectionString"] = database.ConnectionString + $";Password={Secret}";
        }
        foreach (var (key, value) in bucket?.ToConfiguration() ?? new Dictionary<string, string?>())
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (database is not null) await database.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
