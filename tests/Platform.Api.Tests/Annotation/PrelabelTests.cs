using System.IO.Compression;
using System.Net;
using Platform.Api.Tests.Registry;
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

    /// <summary>The shapes sample's images (4 of each class) at the root of the archive: an unlabeled set.</summary>
    private static byte[] FlattenedShapes()
    {
        using var source = new ZipArchive(new MemoryStream(DatasetFixtures.ShapesZip(4)));
        var images = source.Entries.Where(e => e.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Select((e, i) =>
            {
                using var stream = e.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return ($"shape-{i:D2}.png", buffer.ToArray());
            }).ToArray();
        return DatasetFixtures.Zip(images);
    }
}
