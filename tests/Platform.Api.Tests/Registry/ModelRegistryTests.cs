using System.Net;
using System.Security.Cryptography;
using Platform.Api.Tests.Training;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Registry;

/// <summary>
/// One trained run, registered automatically by its experiment and then by hand: numbered versions that copy the
/// run's package with its SHA-256, aliases that only Maintainers move once protected, audited moves, refusals.
/// </summary>
public abstract class ModelRegistryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ARunsModelBecomesNumberedVersionsAndProtectedAliasesMoveOnlyForMaintainers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (member, memberUser) = await app.NewUserAsync("member");
        await owner.AddAndAcceptAsync(member, ws, memberUser.Email, WorkspaceRole.Member, ct);
        var (dataset, _) = await owner.ImportAsync(ws, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        var experiment = await owner.CreateExperimentAsync(ws, new CreateExperimentRequest("registered"), ct);
        (await owner.UpdateExperimentAsync(ws, experiment.Id, new UpdateExperimentRequest(RegisterModelAs: "shapes"), ct)).RegisterModelAs.ShouldBe("shapes");

        var started = await owner.StartTrainingAsync(ws, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 10, ExperimentId: experiment.Id, Settings: RunWaits.Quick), ct);
        var run = await owner.ForRunAsync(ws, started.Id, r => r.Status == RunStatus.Succeeded, ct);
        byte[] package;
        using (var response = await owner.DownloadRunModelAsync(ws, run.Id, ct)) package = await response.Content.ReadAsByteArrayAsync(ct);

        // The experiment registers it as v1 as it succeeds.
        var automatic = (await RegisteredAsync(owner, ws, run.Id, ct)).ShouldHaveSingleItem();
        (automatic.ModelName, automatic.Number, automatic.Tags["registered-by"]).ShouldBe(("shapes", 1, "experiment"));
        automatic.PackageSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(package)));
        automatic.PackageBytes.ShouldBe(package.Length);
        (automatic.Dataset!.DatasetId, automatic.Dataset.Version, automatic.RunName, automatic.Score).ShouldBe((dataset.Id, 1, run.Name, run.Score));
        automatic.Template.ShouldBe(TrainingTemplates.ImageCnn);

        // Registrations at the same time get distinct numbers, never one twice.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            member.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, "shapes", $"copy {i}", new Dictionary<string, string> { ["i"] = $"{i}" }), ct)));
        parallel.Select(v => v.Number).Order().ShouldBe([2, 3, 4, 5, 6]);
        using (var response = await owner.DownloadModelPackageAsync(ws, automatic.ModelId, 4, ct))
            (await response.Content.ReadAsByteArrayAsync(ct)).ShouldBe(package);

        // Aliases: a member sets an unprotected one, not production; the owner sets production and moves it.
        (await member.SetModelAliasAsync(ws, automatic.ModelId, "staging", new SetModelAliasRequest(2), ct)).IsProtected.ShouldBeFalse();
        await member.SetModelAliasAsync(ws, automatic.ModelId, "production", new SetModelAliasRequest(2), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        (await owner.SetModelAliasAsync(ws, automatic.ModelId, "production", new SetModelAliasRequest(1), ct)).IsProtected.ShouldBeTrue();
        await member.SetModelAliasAsync(ws, automatic.ModelId, "production", new SetModelAliasRequest(3), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await member.DeleteModelAliasAsync(ws, automatic.ModelId, "production", ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await member.SetModelAliasAsync(ws, automatic.ModelId, "staging", new SetModelAliasRequest(3, Protected: true), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        (await owner.SetModelAliasAsync(ws, automatic.ModelId, "production", new SetModelAliasRequest(3), ct)).Version.ShouldBe(3);
        var model = await member.GetModelAsync(ws, automatic.ModelId, ct);
        model.Aliases.Select(a => (a.Name, a.Version, a.IsProtected)).ShouldBe([("production", 3, true), ("staging", 2, false)]);
        (model.VersionCount, model.LatestVersion!.Number).ShouldBe((6, 6));
        var audit = (await owner.ListAuditAsync(ws, ct: ct)).Items.Where(a => a.Action.StartsWith("model.")).ToList();
        audit.ShouldContain(a => a.Action == "model.alias-moved" && a.Target == "shapes@production" && a.Detail == "v1 → v3");
        audit.ShouldContain(a => a.Action == "model.alias-created" && a.Target == "shapes@staging" && a.Detail == "created at v2");
        audit.Count(a => a.Action == "model.version-registered").ShouldBe(6);

        // A version an alias points at stays; others go, and their numbers are not given again.
        await owner.DeleteModelVersionAsync(ws, automatic.ModelId, 3, ct).ShouldFailWith(HttpStatusCode.Conflict);
        await member.DeleteModelVersionAsync(ws, automatic.ModelId, 6, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await owner.DeleteModelVersionAsync(ws, automatic.ModelId, 6, ct);
        await owner.GetModelVersionAsync(ws, automatic.ModelId, 6, ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, "shapes"), ct)).Number.ShouldBe(7);
        var edited = await member.UpdateModelVersionAsync(ws, automatic.ModelId, 7, new UpdateModelVersionRequest("best so far",
            Enumerable.Range(0, 50).ToDictionary(i => i == 0 ? "stage" : $"note-{i}", i => i == 0 ? "review" : new string('é', 500))), ct);
        (edited.Description, edited.Tags["stage"], edited.PackageSha256).ShouldBe(("best so far", "review", automatic.PackageSha256));

        // Bad input and strangers.
        await owner.SetModelAliasAsync(ws, automatic.ModelId, "latest", new SetModelAliasRequest(1), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.SetModelAliasAsync(ws, automatic.ModelId, "Prod uction", new SetModelAliasRequest(1), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.SetModelAliasAsync(ws, automatic.ModelId, "canary", new SetModelAliasRequest(99), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, " "), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var tooMany = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");
        await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, "shapes", Tags: tooMany), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var tracked = await owner.CreateTrackedRunAsync(ws, experiment.Id, new CreateTrackedRunRequest("no model"), ct);
        await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(tracked.Id, "shapes"), ct).ShouldFailWith(HttpStatusCode.Conflict);
        var (stranger, elsewhere) = await app.NewOwnerAsync();
        await stranger.GetModelAsync(elsewhere.Id, automatic.ModelId, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.GetModelAsync(ws, automatic.ModelId, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.RegisterModelVersionAsync(elsewhere.Id, new RegisterModelVersionRequest(run.Id, "stolen"), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.SetModelAliasAsync(elsewhere.Id, automatic.ModelId, "mine", new SetModelAliasRequest(1), ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await stranger.ListModelsAsync(elsewhere.Id, ct: ct)).Items.ShouldBeEmpty();
    }

    private static async Task<IReadOnlyList<ModelVersionDto>> RegisteredAsync(PlatformClient client, Guid ws, Guid runId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var versions = (await client.ListRunModelVersionsAsync(ws, runId, ct)).Items;
            if (versions.Count > 0 || DateTime.UtcNow > deadline) return versions;
            await Task.Delay(100, ct);
        }
    }
}
