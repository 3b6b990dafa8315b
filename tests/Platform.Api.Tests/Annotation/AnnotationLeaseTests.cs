using System.Net;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Annotation;

/// <summary>A hold that runs out is taken over by the next annotator who asks; the former holder's late save is refused.</summary>
public sealed class AnnotationLeaseTests(ShortLeaseApp app) : IClassFixture<ShortLeaseApp>
{
    [Fact]
    public async Task AnExpiredHoldIsTakenOverAndTheFormerHolderCannotSaveOverIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (_, project) = await owner.UnlabeledProjectAsync(ws, 1, ct, "a", "b");
        var (first, _) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);
        var (second, secondUser) = await app.JoinAsync(owner, ws, WorkspaceRole.Annotator, ct);
        var task = (await first.NextAnnotationTasksAsync(ws, project.Id, null, ct)).Single();

        // The second annotator gets nothing while the hold lasts, and the task once it has run out.
        IReadOnlyList<AnnotationTaskDto> taken = await second.NextAnnotationTasksAsync(ws, project.Id, null, ct);
        taken.ShouldBeEmpty();
        while (taken.Count == 0)
        {
            await Task.Delay(200, ct);
            taken = await second.NextAnnotationTasksAsync(ws, project.Id, null, ct);
        }
        taken.Single().Id.ShouldBe(task.Id);

        var late = await first.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(project.Label("a")), ct).ShouldFailWith(HttpStatusCode.Conflict);
        late.Message.ShouldContain($"{secondUser.Email} holds this item now");
        await second.SaveAnnotationAsync(ws, project.Id, task.Id, new SaveAnnotationRequest(project.Label("b")), ct);
        (await owner.GetAnnotationTaskAsync(ws, project.Id, task.Id, ct)).LabelId.ShouldBe(project.Label("b"));
    }
}

/// <summary>Every role, on SQLite, with holds on annotation tasks that run out after a second.</summary>
public sealed class ShortLeaseApp() : PlatformApp(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Platform:Annotation:LeaseSeconds", "1");
    }
}
