using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Contracts;
using Platform.Storage.Data;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Backup;

/// <summary>
/// Migrations are forward-only: data written in the first schemas is readable through the API after the server
/// migrates to the latest; and a server refuses a database that a newer build migrated.
/// </summary>
public sealed class UpgradeTests
{
    [Fact]
    public Task DataFromTheFirstSchemaIsReadAfterUpgradingOnSqlite() => UpgradeAsync(production: false);

    [Fact]
    public Task DataFromTheFirstSchemaIsReadAfterUpgradingOnPostgres() => UpgradeAsync(production: true);

    [Fact]
    public Task TheServerRefusesANewerSchemaOnSqlite() => RefuseNewerAsync(production: false);

    [Fact]
    public Task TheServerRefusesANewerSchemaOnPostgres() => RefuseNewerAsync(production: true);

    private static async Task UpgradeAsync(bool production)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var instance = await Instance.CreateAsync(production, ct, objectFolder: true);
        FirstReleaseRows rows;
        await using (var db = Context(instance))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[0], ct);
            (await db.Database.GetAppliedMigrationsAsync(ct)).ShouldBe([migrations[0]]);
            await db.Database.OpenConnectionAsync(ct);
            rows = new FirstReleaseRows(db.Database.GetDbConnection(), !production);
            await rows.InsertAccountAsync(PlatformApp.Password, ct);
            await migrator.MigrateAsync(migrations.First(m => m.EndsWith("_Datasets", StringComparison.Ordinal)), ct);
            await rows.InsertDatasetAsync(Path.Combine(instance.Folder, "objects"), ct);
        }

        // The server migrates to the latest schema as it starts, as an upgrade does.
        await using var app = instance.App("api");
        await app.InitializeAsync();
        var client = app.NewClient();
        await client.SignInAsync(new SignInRequest(rows.Email, PlatformApp.Password), ct);
        var workspace = (await client.ListWorkspacesAsync(ct: ct)).Items.ShouldHaveSingleItem();
        (workspace.Id, workspace.Name, workspace.MyRole).ShouldBe((rows.WorkspaceId, "From the first release", WorkspaceRole.Owner));
        var dataset = (await client.ListDatasetsAsync(rows.WorkspaceId, ct: ct)).Items.ShouldHaveSingleItem();
        (dataset.Id, dataset.Name, dataset.VersionCount, dataset.LatestVersion!.Number).ShouldBe((rows.DatasetId, "shapes", 1, 1));
        dataset.LatestVersion.Classes.ShouldBe(["circle", "square"]);
        var items = (await client.AllItemsAsync(rows.WorkspaceId, rows.DatasetId, 1, ct)).OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        items.Select(i => (i.Path, i.Label, i.Split)).ShouldBe(rows.Items.Select(i => (i.Path, (string?)i.Label, DatasetSplit.Train)));
        foreach (var (item, expected) in items.Zip(rows.Items))
        {
            using var content = await client.Http.GetAsync(PlatformClient.ItemContentUrl(rows.WorkspaceId, rows.DatasetId, 1, item.Id), ct);
            (await content.Content.ReadAsByteArrayAsync(ct)).ShouldBe(expected.Content);
        }
    }

    private static async Task RefuseNewerAsync(bool production)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var instance = await Instance.CreateAsync(production, ct);
        string latest;
        await using (var db = Context(instance))
        {
            await db.Database.MigrateAsync(ct);
            latest = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29990101000000_FromTheFuture', '99.0.0')""", ct);
        }
        var started = await ServerVerb.RunAsync(instance, ct);
        started.ExitCode.ShouldBe(3, started.Output);
        started.Output.ShouldContain($"The database schema is newer than this build: its newest migration is 29990101000000_FromTheFuture, this build's newest is {latest}");
        started.Output.ShouldNotContain("Platform is running");
        var migrate = await ServerVerb.RunAsync(instance, ct, "migrate");
        migrate.ExitCode.ShouldBe(3, migrate.Output);
    }

    private static PlatformDb Context(Instance instance) => instance.PostgresConnectionString is { } postgres
        ? new PostgresPlatformDb(new DbContextOptionsBuilder<PostgresPlatformDb>().UseNpgsql(postgres).Options)
        : new SqlitePlatformDb(new DbContextOptionsBuilder<SqlitePlatformDb>().UseSqlite($"Data Source={Path.Combine(instance.Folder, "platform.db")}").Options);
}
