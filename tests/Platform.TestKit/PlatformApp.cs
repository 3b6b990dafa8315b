using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Xunit;

namespace Platform.TestKit;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The real Server host in memory (WebApplicationFactory) on SQLite in a temp folder or on a fresh PostgreSQL
/// database, with the api and worker roles. Subclass per provider so xunit can use it as a class fixture.
/// </summary>
public class PlatformApp(DatabaseProvider provider, string roles = "api,worker", string? dataFolder = null, PostgresDatabase? sharedPostgres = null,
    TestBucket? bucket = null)
    : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string Password = "correct-horse-7";

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private PlatformClient? _admin;
    private PostgresDatabase? _postgres = sharedPostgres;
    private readonly bool _ownsStorage = sharedPostgres is null && dataFolder is null;

    public DatabaseProvider Provider => provider;
    public string DataFolder { get; } = dataFolder ?? Directory.CreateTempSubdirectory("platform-test-").FullName;
    public string? PostgresConnectionString => _postgres?.ConnectionString;

    /// <summary>Everything the host logged.</summary>
    public LogRecorder Logs { get; } = new();

    public virtual async ValueTask InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres && _postgres is null) _postgres = await PostgresDatabase.CreateAsync(TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Platform:Roles", roles);
        builder.UseSetting("Platform:DataFolder", DataFolder);
        builder.UseSetting("Platform:WorkerCount", "2");
        // Tests sign in hundreds of accounts from one address; the limit itself is tested with its own host.
        builder.UseSetting("Platform:RateLimits:SignInPerMinute", "100000");
        if (_postgres is not null)
        {
            builder.UseSetting("Platform:Database:Provider", "postgres");
            builder.UseSetting("Platform:Database:ConnectionString", _postgres.ConnectionString);
            builder.UseSetting("Platform:Database:MigrateOnStart", "true");
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddTestOperations();
        });
        foreach (var (key, value) in bucket?.ToConfiguration() ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }

    /// <summary>A client with its own cookie jar, not signed in.</summary>
    public PlatformClient NewClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));

    /// <summary>The first administrator, created once per app and signed in.</summary>
    public async Task<PlatformClient> AdminAsync()
    {
        await _adminGate.WaitAsync();
        try
        {
            if (_admin is not null) return _admin;
            var client = NewClient();
            await client.CreateFirstAdminAsync(new CreateFirstAdminRequest(AdminEmail, Password, "Admin"));
            return _admin = client;
        }
        finally { _adminGate.Release(); }
    }

    /// <summary>A new local account (created by the admin), signed in with its own cookies.</summary>
    public async Task<(PlatformClient Client, UserDto User)> NewUserAsync(string? name = null)
    {
        var admin = await AdminAsync();
        var email = $"{name ?? "user"}-{Guid.NewGuid():N}@example.com";
        var user = await admin.RegisterUserAsync(new RegisterUserRequest(email, Password, name));
        var client = NewClient();
        await client.SignInAsync(new SignInRequest(email, Password));
        return (client, user);
    }

    /// <summary>A signed-in user who owns a fresh workspace.</summary>
    public async Task<(PlatformClient Client, WorkspaceDto Workspace)> NewOwnerAsync(string? name = null)
    {
        var (client, _) = await NewUserAsync(name ?? "owner");
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest($"Workspace {Guid.NewGuid():N}"[..20]));
        return (client, workspace);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsStorage) return;
        if (_postgres is not null) await _postgres.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : PlatformApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : PlatformApp(DatabaseProvider.Postgres);

/// <summary>The api and web roles, as the default single process serves them (the portal's fallback route included).</summary>
public sealed class SqliteWebApp() : PlatformApp(DatabaseProvider.Sqlite, "api,web");

public sealed class PostgresWebApp() : PlatformApp(DatabaseProvider.Postgres, "api,web");

/// <summary>The production shape: PostgreSQL (database, jobs, events) and S3 for objects.</summary>
public sealed class ProductionApp() : PlatformApp(DatabaseProvider.Postgres, bucket: TestBucket.New());

/// <summary>The api, worker and serving roles, as the embedded default runs them, on SQLite.</summary>
public sealed class SqliteServingApp() : PlatformApp(DatabaseProvider.Sqlite, "api,worker,serving");

/// <summary>The api, worker and serving roles on PostgreSQL and S3.</summary>
public sealed class ProductionServingApp() : PlatformApp(DatabaseProvider.Postgres, "api,worker,serving", bucket: TestBucket.New());
