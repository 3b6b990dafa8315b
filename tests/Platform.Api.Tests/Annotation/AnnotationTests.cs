using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Annotation;

/// <summary>The annotation cycle through the real API: batches, saves, review, schema changes and a new dataset version.</summary>
public abstract class AnnotationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AnnotatorsLabelTheirOwnBatchesAReviewerSendsOneBackAndTheLabelsBecomeANewVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (dataset, project) = await owner.UnlabeledProjectAsync(ws, 6, ct, "cat", "dog");
        project.Progress.ShouldBe(new AnnotationProgressDto(6, 6, 0, 0, 0));
        project.Labels.Select(l => (l.Name, l.Hotkey)).ShouldBe([("cat", "1"), ("dog", "2")]);
        var (cat, dog) = (project.Label("cat"), project.Label("dog"));
        var (ann, annUser) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);
        var (bob, _) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);

        // Two annotators get different items; each batch is in item order and leased to its annotator.
        var mine = await ann.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(3), ct);
        var his = await bob.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(3), ct);
        mine.Select(t => t.Ordinal).ShouldBe([1, 2, 3]);
        his.Select(t => t.Ordinal).ShouldBe([4, 5, 6]);
        mine.ShouldAllBe(t => t.HeldByMe && t.ContentPath != null && t.Width == 40 && t.Height == 30);
        (await ann.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(3), ct)).Select(t => t.Id).ShouldBe(mine.Select(t => t.Id));

        await ann.SaveAnnotationAsync(ws, project.Id, mine[0].Id, new SaveAnnotationRequest(cat), ct);
        await ann.SaveAnnotationAsync(ws, project.Id, mine[1].Id, new SaveAnnotationRequest(dog), ct);
        var saved = await ann.SaveAnnotationAsync(ws, project.Id, mine[2].Id, new SaveAnnotationRequest(cat), ct);
        (saved.State, saved.LabelId, saved.AnnotatedByEmail, saved.Revision).ShouldBe((AnnotationTaskState.Annotated, cat, annUser.Email, 1));

        // Someone else's item, an unknown label, boxes on a classification project: refused, nothing written.
        (await bob.SaveAnnotationAsync(ws, project.Id, mine[0].Id, new SaveAnnotationRequest(dog), ct).ShouldFailWith(HttpStatusCode.Conflict))
            .Message.ShouldContain($"{annUser.Email} holds this item now");
        await bob.GetAnnotationTaskAsync(ws, project.Id, mine[0].Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await ann.SaveAnnotationAsync(ws, project.Id, mine[0].Id, new SaveAnnotationRequest(99), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .UserMessage.ShouldContain("no label with id 99");
        await ann.SaveAnnotationAsync(ws, project.Id, mine[0].Id, new SaveAnnotationRequest(Boxes: []), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        (await owner.GetAnnotationTaskAsync(ws, project.Id, mine[0].Id, ct)).LabelId.ShouldBe(cat);

        // Annotators see only their own tasks and cannot review; strangers see nothing.
        (await ann.ListAnnotationTasksAsync(ws, project.Id, new AnnotationTaskQuery(), ct)).Items.Select(t => t.Id).ShouldBe(mine.Select(t => t.Id));
        (await owner.ListAnnotationTasksAsync(ws, project.Id, new AnnotationTaskQuery(), ct)).Items.Count.ShouldBe(6);
        await ann.ReviewAnnotationAsync(ws, project.Id, mine[0].Id, new ReviewAnnotationRequest(ReviewDecision.Accept), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        var (stranger, _) = await app.NewOwnerAsync();
        await stranger.GetAnnotationProjectAsync(ws, project.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.SaveAnnotationAsync(ws, project.Id, mine[0].Id, new SaveAnnotationRequest(cat), ct).ShouldFailWith(HttpStatusCode.NotFound);

        // Review: accept one, reject one with a comment (a comment is required); it returns to its annotator first.
        await owner.ReviewAnnotationAsync(ws, project.Id, mine[0].Id, new ReviewAnnotationRequest(ReviewDecision.Accept), ct);
        await owner.ReviewAnnotationAsync(ws, project.Id, mine[1].Id, new ReviewAnnotationRequest(ReviewDecision.Reject), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.ReviewAnnotationAsync(ws, project.Id, mine[1].Id, new ReviewAnnotationRequest(ReviewDecision.Reject, "That is a cat."), ct);
        await owner.ReviewAnnotationAsync(ws, project.Id, his[0].Id, new ReviewAnnotationRequest(ReviewDecision.Accept), ct).ShouldFailWith(HttpStatusCode.Conflict);
        var back = await ann.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(1), ct);
        (back.Single().Id, back.Single().State, back.Single().ReviewComment).ShouldBe((mine[1].Id, AnnotationTaskState.Rejected, "That is a cat."));
        await ann.SaveAnnotationAsync(ws, project.Id, mine[1].Id, new SaveAnnotationRequest(cat), ct);
        await ann.SaveAnnotationAsync(ws, project.Id, mine[0].Id, new SaveAnnotationRequest(dog), ct).ShouldFailWith(HttpStatusCode.Conflict);

        var stats = await owner.ListAnnotatorsAsync(ws, project.Id, ct);
        var annStats = stats.Single(s => s.Email == annUser.Email);
        (annStats.Annotated, annStats.Accepted, annStats.Rejected, annStats.PerHour).ShouldBe((3, 1, 0, 3));
        stats.Single(s => s.Email != annUser.Email).Holding.ShouldBe(3);
        (await owner.GetAnnotationProjectAsync(ws, project.Id, ct)).Progress.ShouldBe(new AnnotationProgressDto(6, 3, 2, 1, 0));

        // Finish: the reviewed and the not yet reviewed labels make version 2; the rest stay unlabeled, and it says so.
        var started = await owner.FinishAnnotationProjectAsync(ws, project.Id, new FinishAnnotationRequest(), ct);
        var finished = await Wait.ForOperationAsync(owner, ws, started.Id, ct, seconds: 120);
        finished.ShouldHaveSucceeded();
        finished.Message!.ShouldContain("3 labeled (1 accepted, 2 not reviewed)");
        finished.Message!.ShouldContain("3 left unlabeled (3 not annotated, 0 rejected, 0 not reviewed)");
        var version = await owner.GetVersionAsync(ws, dataset.Id, 2, ct);
        (version.Source, version.ParentVersionId is not null).ShouldBe((VersionSourceKind.Annotation, true));
        version.Classes.ShouldBe(["cat", "dog"]);
        version.SourceDetail.ShouldContain(annUser.Email);
        var items = await owner.AllItemsAsync(ws, dataset.Id, 2, ct);
        items.Where(i => i.Label == "cat").Select(i => i.Path).ShouldBe(["photo-001.png", "photo-002.png", "photo-003.png"], ignoreOrder: true);
        items.Count(i => i.Label is null).ShouldBe(3);
        (await owner.GetAnnotationProjectAsync(ws, project.Id, ct)).LastVersionNumber.ShouldBe(2);
    }

    [Fact]
    public async Task ARenameKeepsAnnotationsAndRemovingALabelInUseAsksFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (dataset, import) = await owner.ImportAsync(ws, DatasetFixtures.ShapesZip(3), "shapes.zip", ct);
        import.ShouldHaveSucceeded();
        var project = await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Shapes", dataset.Id, 1, [new("star")]), ct);
        // The version's classes join the schema and its labels start as annotations.
        project.Labels.Select(l => l.Name).ShouldBe(["star", "circle", "square", "triangle"]);
        project.Progress.ShouldBe(new AnnotationProgressDto(9, 0, 9, 0, 0));
        (await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Shapes", dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.Conflict)).ShouldNotBeNull();
        (await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Other", dataset.Id, 1, [new("a"), new("A")]), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest)).UserMessage.ShouldContain("listed twice");
        await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Other", dataset.Id, 7), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var (table, _) = await owner.ImportAsync(ws, DatasetFixtures.TableCsv(20), "flowers.csv", ct);
        (await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Table", table.Id, 1), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .UserMessage.ShouldContain("Tables cannot be annotated");
        var (member, _) = await app.JoinAsync(owner, ws, WorkspaceRole.Member, ct);
        await member.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Mine", dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.Forbidden);

        var labels = project.Labels.Select(l => new AnnotationLabelInput(l.Name == "circle" ? "round" : l.Name, l.Color, l.Hotkey, l.Id)).ToList();
        var renamed = await owner.UpdateAnnotationProjectAsync(ws, project.Id, new UpdateAnnotationProjectRequest(Labels: labels), ct);
        renamed.Labels.Single(l => l.Name == "round").Id.ShouldBe(project.Label("circle"));
        renamed.Progress.Annotated.ShouldBe(9);

        var withoutTriangle = labels.Where(l => l.Name != "triangle").ToList();
        (await owner.UpdateAnnotationProjectAsync(ws, project.Id, new UpdateAnnotationProjectRequest(Labels: withoutTriangle), ct).ShouldFailWith(HttpStatusCode.Conflict))
            .Message.ShouldContain("'triangle' is used by 3 annotated items");
        (await owner.GetAnnotationProjectAsync(ws, project.Id, ct)).Labels.Count.ShouldBe(4);
        var removed = await owner.UpdateAnnotationProjectAsync(ws, project.Id, new UpdateAnnotationProjectRequest(Labels: withoutTriangle, RemoveAnnotationsOfRemovedLabels: true), ct);
        (removed.Labels.Count, removed.Progress.Open, removed.Progress.Annotated).ShouldBe((3, 3, 6));

        var finished = await Wait.ForOperationAsync(owner, ws, (await owner.FinishAnnotationProjectAsync(ws, project.Id, new FinishAnnotationRequest(false), ct)).Id, ct, seconds: 120);
        finished.ShouldHaveSucceeded();
        finished.Message!.ShouldContain("0 labeled");
        var included = await Wait.ForOperationAsync(owner, ws, (await owner.FinishAnnotationProjectAsync(ws, project.Id, new FinishAnnotationRequest(), ct)).Id, ct, seconds: 120);
        included.ShouldHaveSucceeded();
        included.Message!.ShouldContain("6 labeled (0 accepted, 6 not reviewed)");
        var items = await owner.AllItemsAsync(ws, dataset.Id, 3, ct);
        items.Count(i => i.Label == "round").ShouldBe(3);
        items.Count(i => i.Label is null).ShouldBe(3);
    }

    [Fact]
    public async Task BoxesAreCheckedAgainstTheImageAndBecomeADetectionVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (dataset, import) = await owner.ImportAsync(ws, AnnotationFixtures.UnlabeledZip(2), "photos.zip", ct);
        import.ShouldHaveSucceeded();
        var project = await owner.CreateAnnotationProjectAsync(ws,
            new CreateAnnotationProjectRequest("Boxes", dataset.Id, 1, [new("car", "#1565C0", "3")], Kind: AnnotationKind.ObjectDetection), ct);
        var car = project.Label("car");
        var task = (await owner.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(1), ct)).Single();
        foreach (var bad in new AnnotationBoxDto[] { new(car, 30, 5, 20, 10), new(car, 5, 5, -3, 10), new(car, double.NaN, 0, 1, 1), new(7, 1, 1, 2, 2) })
            await owner.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(Boxes: [bad]), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(car), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        // A crowded image: 5,000 boxes save whole (past the API's usual body limit); more than 10,000 are refused.
        var crowd = Enumerable.Range(0, 5_000).Select(i => new AnnotationBoxDto(car, i % 36 + 0.25, i % 26 + 0.5, 3.75, 3.5)).ToList();
        (await owner.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(Boxes: crowd), ct)).Boxes.Count.ShouldBe(5_000);
        (await owner.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(Boxes: [.. crowd, .. crowd, crowd[0]]), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest)).UserMessage.ShouldContain("at most 10,000 boxes");
        var saved = await owner.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(Boxes: [new(car, 2, 3, 10, 8), new(car, 20, 10, 20, 20)]), ct);
        saved.Boxes.Count.ShouldBe(2);
        var finished = await Wait.ForOperationAsync(owner, ws, (await owner.FinishAnnotationProjectAsync(ws, project.Id, new FinishAnnotationRequest(), ct)).Id, ct, seconds: 120);
        finished.Message!.ShouldContain("2 boxes");
        var version = await owner.GetVersionAsync(ws, dataset.Id, 2, ct);
        version.Kind.ShouldBe(DatasetKind.ObjectDetection);
        var item = (await owner.AllItemsAsync(ws, dataset.Id, 2, ct)).Single(i => i.Boxes.Count > 0);
        item.Boxes.ShouldBe([new BoxDto("car", 2, 3, 10, 8), new BoxDto("car", 20, 10, 20, 20)]);
    }

    [Fact]
    public async Task AnnotatorsAskingAtOnceNeverGetTheSameItem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (_, project) = await owner.UnlabeledProjectAsync(ws, 20, ct, "a", "b");
        var annotators = new List<PlatformClient>();
        for (var i = 0; i < 4; i++) annotators.Add((await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct)).Client);
        var batches = await Task.WhenAll(annotators.Select(a => a.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(6), ct)));
        var all = batches.SelectMany(b => b.Select(t => t.Id)).ToList();
        all.Count.ShouldBe(20);
        all.Distinct().Count().ShouldBe(20);
        (await owner.ListAnnotatorsAsync(ws, project.Id, ct)).Sum(a => a.Holding).ShouldBe(20);
        var (viewer, _) = await app.JoinAsync(owner, ws, WorkspaceRole.Viewer, ct);
        await viewer.NextAnnotationTasksAsync(ws, project.Id, null, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        (await viewer.GetAnnotationProjectAsync(ws, project.Id, ct)).Progress.Open.ShouldBe(20);
    }

    [Fact]
    public async Task WithOverlapEachItemIsLabeledByDifferentPeopleAndTheirAgreementIsMeasured()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (dataset, import) = await owner.ImportAsync(ws, AnnotationFixtures.UnlabeledZip(3), "photos.zip", ct);
        import.ShouldHaveSucceeded();
        (await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Too many", dataset.Id, 1, [new("a")], Overlap: 6), ct)
            .ShouldFailWith(HttpStatusCode.BadRequest)).UserMessage.ShouldContain("1 to 5 people");
        var project = await owner.CreateAnnotationProjectAsync(ws, new CreateAnnotationProjectRequest("Twice", dataset.Id, 1, [new("a"), new("b")], Overlap: 2), ct);
        (project.Overlap, project.Progress.Total).ShouldBe((2, 6));
        var (a, b) = (project.Label("a"), project.Label("b"));
        var (ann, annUser) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);
        var (bob, bobUser) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);
        var (cid, _) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);

        // Each person gets every item once; a third finds nothing left, as both replicas of every item are taken.
        var hers = await ann.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(10), ct);
        var his = await bob.NextAnnotationTasksAsync(ws, project.Id, new NextAnnotationTasksRequest(10), ct);
        hers.Select(t => t.ItemId).Distinct().Count().ShouldBe(3);
        his.Select(t => t.ItemId).ShouldBe(hers.Select(t => t.ItemId), ignoreOrder: true);
        his.Select(t => t.Id).Intersect(hers.Select(t => t.Id)).ShouldBeEmpty();
        (await cid.NextAnnotationTasksAsync(ws, project.Id, null, ct)).ShouldBeEmpty();

        // Item 1: both say a; item 2: a against b; item 3: both say b.
        int[] herLabels = [a, a, b], hisLabels = [a, b, b];
        foreach (var (task, i) in hers.OrderBy(t => t.Ordinal).Select((t, i) => (t, i)))
            await ann.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(herLabels[i]), ct);
        foreach (var (task, i) in his.OrderBy(t => t.Ordinal).Select((t, i) => (t, i)))
            await bob.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(hisLabels[i]), ct);

        // Fleiss: P̄ = 2/3, p_e = 1/2, κ = 1/3. Cohen between the two: p_o = 2/3, p_e = 4/9, κ = 0.4. Label a: 1 − 1 ÷ (6 · 1/4) = 1/3.
        var agreement = await owner.GetAnnotationAgreementAsync(ws, project.Id, ct);
        (agreement.Measure, agreement.ItemsCompared).ShouldBe(("Fleiss' kappa", 3));
        agreement.Overall!.Value.ShouldBe(1.0 / 3, 1e-9);
        agreement.PercentAgreement!.Value.ShouldBe(2.0 / 3, 1e-9);
        agreement.Labels.Single(l => l.Name == "a").Agreement!.Value.ShouldBe(1.0 / 3, 1e-9);
        agreement.Annotators.Select(x => x.Email).ShouldBe(new[] { annUser.Email, bobUser.Email }.Order(StringComparer.Ordinal));
        agreement.Annotators.ShouldAllBe(x => x.ItemsCompared == 3 && Math.Abs(x.Agreement!.Value - 0.4) < 1e-9);

        // The new version takes the label most annotators chose, and leaves the split item unlabeled, saying so.
        var finished = await Wait.ForOperationAsync(owner, ws, (await owner.FinishAnnotationProjectAsync(ws, project.Id, new FinishAnnotationRequest(), ct)).Id, ct, seconds: 120);
        finished.ShouldHaveSucceeded();
        finished.Message!.ShouldContain("2 labeled (0 accepted, 2 not reviewed)");
        finished.Message!.ShouldContain("1 with annotators split evenly");
        var items = await owner.AllItemsAsync(ws, dataset.Id, 2, ct);
        items.Select(i => i.Label).ShouldBe(["a", null, "b"]);

        // Accuracy against review: one of hers accepted, one rejected.
        var ordered = hers.OrderBy(t => t.Ordinal).ToList();
        await owner.ReviewAnnotationAsync(ws, project.Id, ordered[0].Id, new ReviewAnnotationRequest(ReviewDecision.Accept), ct);
        await owner.ReviewAnnotationAsync(ws, project.Id, ordered[1].Id, new ReviewAnnotationRequest(ReviewDecision.Reject, "It is b."), ct);
        var stats = await owner.ListAnnotatorsAsync(ws, project.Id, ct);
        stats.Single(x => x.Email == annUser.Email).Accuracy.ShouldBe(0.5);
        stats.Single(x => x.Email == bobUser.Email).Accuracy.ShouldBeNull();
    }
}
