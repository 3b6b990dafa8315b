using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Admin;

/// <summary>Workspaces with storage and quotas, job queues, and the server's version and settings with secrets masked.</summary>
public abstract class AdminAreaTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task WorkspacesShowStorageAndAQuotaChangeIsAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var (_, workspace) = await app.NewOwnerAsync();
        var usage = await admin.SetStorageQuotaAsync(workspace.Id, 5L << 30, ct);

        var all = new List<AdminWorkspaceDto>();
        string? cursor = null;
        do
        {
            var page = await admin.ListAdminWorkspacesAsync(cursor, 1, ct);
            page.Items.Count.ShouldBeLessThanOrEqualTo(1);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        var row = all.Single(w => w.Id == workspace.Id);
        row.QuotaBytes.ShouldBe(5L << 30);
        row.UsesDefaultQuota.ShouldBeFalse();
        row.MemberCount.ShouldBe(1);
        row.UsedBytes.ShouldBe(usage.UsedBytes);

        await admin.SetStorageQuotaAsync(workspace.Id, -1, ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var audit = (await admin.ListAllAuditAsync(limit: 100, ct: ct)).Items;
        audit.ShouldContain(a => a.Action == "workspace.quota-changed" && a.Target == workspace.Name && a.Detail == $"server default → {5L << 30} bytes");
    }

    [Fact]
    public async Task QueuesShowTheWorkersServingThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var queues = await admin.ListJobQueuesAsync(ct);
        // The test host runs the worker role on the default queues.
        queues.ShouldContain(q => q.Name == "default" && q.OnlineWorkers >= 1);
        queues.ShouldContain(q => q.Name == "cpu" && q.OnlineWorkers >= 1);
        queues.ShouldContain(q => q.Name == "cpu-training" && q.OnlineWorkers >= 1);
    }

    [Fact]
    public async Task ServerSettingsAreShownWithSecretsMasked()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var server = await admin.GetServerInfoAsync(ct);
        server.Version.ShouldNotBeNullOrWhiteSpace();
        server.Roles.ShouldBe(["api", "worker"]);
        server.DatabaseProvider.ShouldBe(app.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite");
        server.JobDashboardUrl.ShouldBe("/hangfire");
        var settings = server.Settings.ToDictionary(s => s.Key);
        settings["Platform:Roles"].Value.ShouldBe("api,worker");
        settings["Platform:Roles"].IsConfigured.ShouldBeTrue();
        settings["Platform:Datasets:QuotaBytes"].Value.ShouldBe((100L << 30).ToString());
        settings["Platform:Datasets:QuotaBytes"].IsConfigured.ShouldBeFalse();
        settings["Platform:ObjectStore:S3:SecretKey"].IsSecret.ShouldBeTrue();
        settings["Platform:ObjectStore:S3:SecretKey"].Value.ShouldBe("••••••");
        settings["Platform:Admin:Password"].Value.ShouldBeNull();
        if (app.Provider == DatabaseProvider.Postgres)
        {
            var shown = settings["Platform:Database:ConnectionString"];
            shown.IsSecret.ShouldBeTrue();
            shown.Value!.ShouldContain("password=••••••");
            shown.Value!.ShouldContain("database=");
        }
        using (var raw = await admin.Http.GetAsync("api/admin/server", ct))
            (await raw.Content.ReadAsStringAsync(ct)).ShouldNotContain(AppWithSecrets.Secret);

        var (person, _) = await app.NewUserAsync("curious");
        await person.GetServerInfoAsync(ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await person.ListJobQueuesAsync(ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await person.ListAdminWorkspacesAsync(ct: ct).ShouldFailWith(HttpStatusCode.Forbidden);
    }
}

/// <summary>A host whose configuration holds secrets (an S3 key, a database password) that must never be answered.</summary>
public static class AppWithSecrets
{
    public const string Secret = "very-secret-value-42";

    public static void AddSecrets(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder, string? postgres)
    {
        builder.UseSetting("Platform:ObjectStore:S3:SecretKey", Secret);
        // PostgreSQL here trusts local connections, so a password in the string is accepted and ignored.
        if (postgres is not null) builder.UseSetting("Platform:Database:ConnectionString", postgres + ";Password=" + Secret);
    }
}

public sealed class SqliteAppWithSecrets() : PlatformApp(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AppWithSecrets.AddSecrets(builder, null);
    }
}

public sealed class PostgresAppWithSecrets() : PlatformApp(DatabaseProvider.Postgres)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AppWithSecrets.AddSecrets(builder, PostgresConnectionString);
    }
}
