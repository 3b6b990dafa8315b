using System.IO.Compression;
using System.Net;
using Platform.Api.Tests.Registry;
using Platform.Api.Tests.Training;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Annotation;

/// <summary>A registered model suggests labels for the open tasks; the queue can hand out its least confident ones first.</summary>
public abstract class PrelabelTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AModelSuggestsLabelsTheQueueOrdersThemByConfidenceAndTakenSuggestionsAreCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (_, _, model) = await RegisteredShapes.RegisterAsync(owner, ws, "shapes", ct);
        var (photos, import) = await owner.ImportAsync(ws, FlattenedShapes(), "loose-shapes.zip", ct);
        import.ShouldHaveSucceeded();
        // The project leaves out the triangle: those predictions suggest nothing, and the result names them.
        var project = await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Shapes", photos.Id, 1, [new("circle"), new("square")]), ct);

        var started = await owner.PrelabelAnnotationProjectAsync(ws, project.Id, new PrelabelRequest(model.ModelId, model.Number), ct);
        var done = await Wait.ForOperationAsync(owner, ws, started.Id, ct, seconds: 120);
        done.ShouldHaveSucceeded();
        done.Message!.ShouldContain("of 12 open items with shapes v1");
        var tasks = (await owner.ListAnnotationTasksAsync(ws, project.Id, new AnnotationTaskQuery(Limit: 100), ct)).Items;
        var suggested = tasks.Where(t => t.SuggestedLabelId is not null).ToList();
        suggested.ShouldNotBeEmpty();
        suggested.ShouldAllBe(t => t.SuggestionConfidence > 0 && t.SuggestionConfidence <= 1);
        if (suggested.Count < 12) done.Message!.ShouldContain("classes the project lacks (triangle");
        var reread = await owner.GetAnnotationProjectAsync(ws, project.Id, ct);
        reread.Suggestions.ShouldBe(new AnnotationSuggestionsDto("shapes v1", suggested.Count, 0, 0));

        // Least confident first: the batch follows the suggestions' confidence upwards.
        await owner.UpdateAnnotationProjectAsync(ws, project.Id, new UpdateAnnotationProjectRequest(QueueOrder: AnnotationQueueOrder.LeastConfidentFirst), ct);
        var batch = await owner.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(suggested.Count), ct);
        batch.Select(t => t.SuggestionConfidence).ShouldBe(suggested.Select(t => t.SuggestionConfidence).OrderBy(c => c));

        // Saving the suggestion unchanged counts as taken; another label counts as decided, not taken.
        await owner.SaveAnnotationAsync(ws, project.Id, batch[0].Id, new SaveAnnotationRequest(batch[0].SuggestedLabelId), ct);
        var other = project.Labels.Single(l => l.Id != batch[1].SuggestedLabelId).Id;
        await owner.SaveAnnotationAsync(ws, project.Id, batch[1].Id, new SaveAnnotationRequest(other), ct);
        (await owner.GetAnnotationProjectAsync(ws, project.Id, ct)).Suggestions.ShouldBe(new AnnotationSuggestionsDto("shapes v1", suggested.Count, 2, 1));

        // Boxes and a missing version are refused.
        var boxes = await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Boxes", photos.Id, 1, [new("thing")], Kind: AnnotationKind.ObjectDetection), ct);
        await owner.PrelabelAnnotationProjectAsync(ws, boxes.Id, new PrelabelRequest(model.ModelId, model.Number), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.PrelabelAnnotationProjectAsync(ws, project.Id, new PrelabelRequest(model.ModelId, 9), ct).ShouldFailWith(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RetrainTrainsOnTheLabelsSoFarAndItsModelPreLabelsTheOpenItems()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (photos, import) = await owner.ImportAsync(ws, FlattenedShapes(10), "loose-shapes.zip", ct);
        import.ShouldHaveSucceeded();
        var project = await owner.CreateAnnotationProjectAsync(ws,
            new CreateAnnotationProjectRequest("Shapes loop", photos.Id, 1, [new("circle"), new("square"), new("triangle")]), ct);

        // The truth (in the file names) played back through the API, for all but the last two of each shape.
        var tasks = await owner.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(30), ct);
        foreach (var task in tasks.Where(t => !t.Path.EndsWith("-008.png") && !t.Path.EndsWith("-009.png")))
            await owner.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(project.Label(task.Path.Split('-')[0])), ct);
        await owner.ReleaseAnnotationTasksAsync(ws, project.Id, ct);

        var started = await owner.RetrainAnnotationProjectAsync(ws, project.Id, new RetrainRequest(10, RunWaits.Quick), ct);
        var finished = await Wait.ForOperationAsync(owner, ws, started.Id, ct, seconds: 120);
        finished.ShouldHaveSucceeded();
        finished.Message!.ShouldContain("Version 2: 24 labeled");
        finished.Message!.ShouldContain("Training run");
        var runId = (await owner.GetAnnotationProjectAsync(ws, project.Id, ct)).RetrainRunId!.Value;
        var run = await owner.ForRunAsync(ws, runId, r => r.Status is RunStatus.Succeeded or RunStatus.Failed, ct);
        run.Status.ShouldBe(RunStatus.Succeeded, run.Message);

        // The run's model is registered under the project's name and suggests a label for each of the six open items.
        var reread = await owner.GetAnnotationProjectAsync(ws, project.Id, ct);
        for (var deadline = DateTime.UtcNow.AddMinutes(3); reread.Suggestions is null && DateTime.UtcNow < deadline; await Task.Delay(200, ct))
            reread = await owner.GetAnnotationProjectAsync(ws, project.Id, ct);
        reread.Suggestions.ShouldBe(new AnnotationSuggestionsDto("Shapes loop v1", 6, 0, 0));

        // A box project is not retrained here; a member may not retrain.
        var boxes = await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Loop boxes", photos.Id, 1, [new("thing")], Kind: AnnotationKind.ObjectDetection), ct);
        await owner.RetrainAnnotationProjectAsync(ws, boxes.Id, new RetrainRequest(), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.RetrainAnnotationProjectAsync(ws, project.Id, new RetrainRequest(0), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var (member, _) = await app.JoinAsync(owner, ws, WorkspaceRole.Member, ct);
        await member.RetrainAnnotationProjectAsync(ws, project.Id, new RetrainRequest(), ct).ShouldFailWith(HttpStatusCode.Forbidden);
    }

    /// <summary>The shapes sample's images at the root of the archive (circle-003.png): an unlabeled set whose names tell the truth.</summary>
    private static byte[] FlattenedShapes(int perClass = 4)
    {
        using var source = new ZipArchive(new MemoryStream(DatasetFixtures.ShapesZip(perClass)));
        var images = source.Entries.Where(e => e.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Select(e =>
            {
                using var stream = e.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return (e.Name, buffer.ToArray());
            }).ToArray();
        return DatasetFixtures.Zip(images);
    }
}
