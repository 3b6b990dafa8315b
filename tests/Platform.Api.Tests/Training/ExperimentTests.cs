using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

public abstract class ExperimentTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ExperimentsAreCreatedRenamedDeletedAndRestored()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        (await owner.ListExperimentsAsync(workspace.Id, ct: ct)).Items.ShouldBeEmpty();
        var created = await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest(" baseline ", "first tries"), ct);
        created.Name.ShouldBe("baseline");
        created.RunCount.ShouldBe(0);
        await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest("baseline"), ct).ShouldFailWith(HttpStatusCode.Conflict);
        var other = await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest("other"), ct);
        await owner.UpdateExperimentAsync(workspace.Id, other.Id, new UpdateExperimentRequest(Name: "baseline"), ct).ShouldFailWith(HttpStatusCode.Conflict);
        var renamed = await owner.UpdateExperimentAsync(workspace.Id, other.Id, new UpdateExperimentRequest(Name: "augmented", Description: "flips"), ct);
        renamed.Name.ShouldBe("augmented");
        renamed.Description.ShouldBe("flips");

        (await owner.DeleteExperimentAsync(workspace.Id, other.Id, ct)).IsDeleted.ShouldBeTrue();
        (await owner.ListExperimentsAsync(workspace.Id, ct: ct)).Items.Select(e => e.Name).ShouldBe(["baseline"]);
        (await owner.ListExperimentsAsync(workspace.Id, deleted: true, ct: ct)).Items.Select(e => e.Name).ShouldBe(["augmented"]);
        (await owner.RestoreExperimentAsync(workspace.Id, other.Id, ct)).IsDeleted.ShouldBeFalse();
        (await owner.ListExperimentsAsync(workspace.Id, limit: 1, ct: ct)).NextCursor.ShouldNotBeNull();
    }

    [Fact]
    public async Task BadExperimentsAndBadTrainingRequestsAreRefusedFieldByField()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var error = await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest(new string('x', 201)), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.ShouldContainKey("name");
        await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest("  "), ct).ShouldFailWith(HttpStatusCode.BadRequest);

        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(4), "shapes.zip", ct);
        error = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 0,
            Settings: new TrainingSettingsDto(BatchSize: 0, LearningRate: double.NaN, ModelSize: 9, ImageSize: 4)), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.Keys.ShouldBe(["timeBudgetMinutes", "settings.batchSize", "settings.learningRate", "settings.modelSize", "settings.imageSize"], ignoreOrder: true);
        error.Problem.Errors["settings.batchSize"].ShouldBe(["Batch size must be between 1 and 8192."]);

        error = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, Template: "tabular-regression"), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["template"][0].ShouldContain("image-cnn or image-resnet");
        error = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, Template: "gpt"), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["template"][0].ShouldContain("Unknown template 'gpt'");
        await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 9), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, ExperimentId: Guid.NewGuid()), ct).ShouldFailWith(HttpStatusCode.NotFound);

        var (boxes, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.DetectionZip(4), "boxes.zip", ct);
        var proposal = await owner.GetTrainingProposalAsync(workspace.Id, boxes.Id, 1, ct);
        proposal.Template.ShouldBeNull();
        proposal.Reason.ShouldContain("object detection");
        error = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(boxes.Id, 1), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["template"][0].ShouldContain("object detection");
        (await owner.ListExperimentsAsync(workspace.Id, ct: ct)).Items.ShouldBeEmpty(); // nothing half-written
    }

    [Fact]
    public async Task StrangersAndViewersCannotReachOrStartRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(4), "shapes.zip", ct);
        var run = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, Settings: RunWaits.Quick with { Epochs = 1 }), ct);
        var experiment = (await owner.ListExperimentsAsync(workspace.Id, ct: ct)).Items.Single();

        var (stranger, _) = await app.NewUserAsync("stranger");
        await stranger.GetRunAsync(workspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.GetRunMetricsAsync(workspace.Id, run.Id, ct: ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.DownloadRunModelAsync(workspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.CancelRunAsync(workspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.ListRunsAsync(workspace.Id, experiment.Id, ct: ct).ShouldFailWith(HttpStatusCode.NotFound);
        var strangerWorkspace = await stranger.CreateWorkspaceAsync(new CreateWorkspaceRequest("mine"), ct);
        await stranger.GetRunAsync(strangerWorkspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.GetExperimentAsync(strangerWorkspace.Id, experiment.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.StartTrainingAsync(strangerWorkspace.Id, new StartTrainingRequest(dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.NotFound);

        var (viewer, user) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewer, workspace.Id, user.Email, WorkspaceRole.Viewer, ct);
        (await viewer.GetRunAsync(workspace.Id, run.Id, ct)).Id.ShouldBe(run.Id);
        await viewer.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.CancelRunAsync(workspace.Id, run.Id, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await owner.ForEndAsync(workspace.Id, run.Id, ct);
    }
}
