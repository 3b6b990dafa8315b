using Platform.Api.Tests.Registry;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Backup;

/// <summary>
/// <c>backup DIR</c> of a populated, running instance, then <c>restore DIR</c> into an empty one, both run as the
/// real Server command: every dataset, version, item (its file's bytes), run, model version and upload is back.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task EverythingComesBackOnSqliteAndTheObjectFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await Instance.CreateAsync(production: false, ct);
        await using var target = await Instance.CreateAsync(production: false, ct);
        var backup = await RoundTripAsync(source, target, ct);

        // A second restore finds data and refuses; a damaged backup is refused before anything changes.
        var again = await ServerVerb.RunAsync(target, ct, "restore", backup);
        again.ExitCode.ShouldBe(1, again.Output);
        again.Output.ShouldContain("The target is not empty: the database has");
        Directory.EnumerateFileSystemEntries(Path.Combine(backup, "objects"), ".*").ShouldBeEmpty();
        var key = (await File.ReadAllLinesAsync(Path.Combine(backup, "objects.tsv"), ct))[^1].Split('\t')[2];
        await File.AppendAllTextAsync(Path.Combine(backup, "objects", key), "x", ct);
        var damaged = await ServerVerb.RunAsync(target, ct, "restore", backup, "--force");
        damaged.ExitCode.ShouldBe(1, damaged.Output);
        damaged.Output.ShouldContain($"The backup is damaged: object {key} has");
        File.Delete(Path.Combine(backup, "manifest.json"));
        var unfinished = await ServerVerb.RunAsync(target, ct, "restore", backup);
        unfinished.Output.ShouldContain("has no manifest.json: it is not a backup, or its backup did not finish. Nothing was changed.");
    }

    [Fact]
    public async Task EverythingComesBackOnPostgresAndS3()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await Instance.CreateAsync(production: true, ct);
        await using var target = await Instance.CreateAsync(production: true, ct);
        var backup = await RoundTripAsync(source, target, ct);

        // --force replaces a database and bucket that hold data.
        var again = await ServerVerb.RunAsync(target, ct, "restore", backup, "--force");
        again.ExitCode.ShouldBe(0, again.Output);
        again.Output.ShouldContain("2 datasets, 3 dataset versions");
    }

    /// <summary>Populates <paramref name="source"/>, backs it up while it runs, restores into <paramref name="target"/>, compares; returns the backup folder.</summary>
    private static async Task<string> RoundTripAsync(Instance source, Instance target, CancellationToken ct)
    {
        var backup = Path.Combine(source.Folder, "backup");
        List<string> before;
        string email;
        Guid ws;
        Guid[] uploads;
        await using (var app = source.App("api,worker"))
        {
            await app.InitializeAsync();
            var (owner, user) = await app.NewUserAsync("owner");
            email = user.Email;
            ws = (await owner.CreateWorkspaceAsync(new CreateWorkspaceRequest("Backed up"), ct)).Id;
            var (shapes, _, _) = await RegisteredShapes.RegisterAsync(owner, ws, "shapes", ct);
            (await owner.ImportIntoAsync(ws, shapes.Id, DatasetFixtures.ShapesZip(3), "more-shapes.zip", ct)).ShouldHaveSucceeded();
            await owner.ImportAsync(ws, DatasetFixtures.TableCsv(40), "table.csv", ct);
            uploads = [(await owner.UploadAsync(ws, DatasetFixtures.Text("kept as uploaded"), "notes.txt", ct)).Id];
            before = await InstanceSnapshot.TakeAsync(owner, ws, uploads, ct);

            var made = await ServerVerb.RunAsync(source, ct, "backup", backup);
            made.ExitCode.ShouldBe(0, made.Output);
            made.Output.ShouldContain("Backup complete");
            made.Output.ShouldNotContain(Instance.Secret);
        }
        before.Count(l => l.StartsWith("version ", StringComparison.Ordinal)).ShouldBe(3);
        before.ShouldContain(l => l.StartsWith("run ", StringComparison.Ordinal) && l.Contains(" Succeeded "));
        before.ShouldContain(l => l.StartsWith("model shapes v1 ", StringComparison.Ordinal));
        before.Where(l => l.Contains("HTTP ")).ShouldBeEmpty();
        before.ShouldContain(l => l.StartsWith("row table.csv v1 ", StringComparison.Ordinal));

        var restored = await ServerVerb.RunAsync(target, ct, "restore", backup);
        restored.ExitCode.ShouldBe(0, restored.Output);
        restored.Output.ShouldContain("Restore complete");
        restored.Output.ShouldNotContain(Instance.Secret);
        restored.Output.ShouldContain("2 datasets, 3 dataset versions");
        restored.Output.ShouldContain("1 runs, 1 registered models (1 versions)");

        await using var restoredApp = target.App("api");
        await restoredApp.InitializeAsync();
        var client = restoredApp.NewClient();
        await client.SignInAsync(new SignInRequest(email, PlatformApp.Password), ct);
        var after = await InstanceSnapshot.TakeAsync(client, ws, uploads, ct);
        after.ShouldBe(before);
        return backup;
    }
}
