using System.Diagnostics;
using Platform.Shared;
using Platform.TestKit;

namespace Platform.Api.Tests.Backup;

/// <summary>The built Server run as a command (<c>backup DIR</c>, <c>restore DIR</c>, or no verb) against one instance's storage.</summary>
public sealed record ServerVerb(int ExitCode, string Output)
{
    public static async Task<ServerVerb> RunAsync(Instance instance, CancellationToken ct, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [ServerLauncher.ServerDll("Debug", "Release"), .. arguments])
        {
            WorkingDirectory = instance.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in instance.Environment()) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' did not finish in 120 s:\n{await output}\n{await errors}");
        }
        return new ServerVerb(process.ExitCode, (await output) + (await errors));
    }
}

/// <summary>One instance's storage: a data folder (SQLite and object folder), or a PostgreSQL database and an S3 bucket.</summary>
public sealed class Instance(string folder, PostgresDatabase? database, TestBucket? bucket) : IAsyncDisposable
{
    public string Folder { get; } = folder;
    public DatabaseProvider Provider => database is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public static async Task<Instance> CreateAsync(bool production, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("platform-backup-").FullName;
        return production ? new Instance(folder, await PostgresDatabase.CreateAsync(ct), TestBucket.New()) : new Instance(folder, null, null);
    }

    /// <summary>The real host in memory on this storage.</summary>
    public PlatformApp App(string roles) => new(Provider, roles, Folder, database, bucket);

    public Dictionary<string, string> Environment()
    {
        var settings = new Dictionary<string, string> { ["Platform__DataFolder"] = Folder, ["Platform__Port"] = "0" };
        if (database is not null)
        {
            settings["Platform__Database__Provider"] = "postgres";
            settings["Platform__Database__ConnectionString"] = database.ConnectionString;
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
