using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

/// <summary>Priorities order a training queue: the position a waiting run shows is the order the one worker starts them in.</summary>
public abstract class RunPriorityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AHigherPriorityStartsFirstAndAWaitingRunCanBeMovedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(6), "shapes.zip", ct);
        var busy = await owner.StartTrainingAsync(workspace.Id, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 30), ct);
        await owner.ForRunAsync(workspace.Id, busy.Id, r => r.Status == RunStatus.Running, ct);

        StartTrainingRequest Quick(string name, RunPriority priority) =>
            new(dataset.Id, 1, Name: name, Settings: RunWaits.Quick with { Epochs = 1 }, Priority: priority);
        var normal = await owner.StartTrainingAsync(workspace.Id, Quick("normal", RunPriority.Normal), ct);
        var low = await owner.StartTrainingAsync(workspace.Id, Quick("low", RunPriority.Low), ct);
        var high = await owner.StartTrainingAsync(workspace.Id, Quick("high", RunPriority.High), ct);
        high.Priority.ShouldBe(RunPriority.High);
        await PositionsShouldBe(owner, workspace.Id, [high.Id, normal.Id, low.Id], ct);

        var moved = await owner.SetRunPriorityAsync(workspace.Id, low.Id, RunPriority.High, ct);
        moved.Priority.ShouldBe(RunPriority.High);
        await PositionsShouldBe(owner, workspace.Id, [low.Id, high.Id, normal.Id], ct); // both High: the earlier one first
        await owner.SetRunPriorityAsync(workspace.Id, busy.Id, RunPriority.High, ct).ShouldFailWith(HttpStatusCode.Conflict);
        using var unknown = await owner.Http.PutAsJsonAsync($"api/workspaces/{workspace.Id}/runs/{normal.Id}/priority", new { priority = "Urgent" }, ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var (stranger, _) = await app.NewUserAsync("stranger");
        await stranger.SetRunPriorityAsync(workspace.Id, normal.Id, RunPriority.High, ct).ShouldFailWith(HttpStatusCode.NotFound);
        var (viewer, user) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewer, workspace.Id, user.Email, WorkspaceRole.Viewer, ct);
        await viewer.SetRunPriorityAsync(workspace.Id, normal.Id, RunPriority.High, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        (await owner.GetRunAsync(workspace.Id, normal.Id, ct)).Priority.ShouldBe(RunPriority.Normal);

        await owner.CancelRunAsync(workspace.Id, busy.Id, ct);
        var ended = new List<RunDto>();
        foreach (var id in new[] { low.Id, high.Id, normal.Id }) ended.Add(await owner.ForEndAsync(workspace.Id, id, ct));
        ended.ShouldAllBe(r => r.Status == RunStatus.Succeeded);
        ended.Select(r => r.StartedAt).ShouldBeInOrder(); // one training at a time: the queue's order is the start order
        ended.ShouldAllBe(r => r.Attempts == 1);
    }

    private static async Task PositionsShouldBe(PlatformClient client, Guid ws, Guid[] order, CancellationToken ct)
    {
        foreach (var (id, i) in order.Select((id, i) => (id, i)))
        {
            var run = await client.GetRunAsync(ws, id, ct);
            run.QueuePosition.ShouldBe(i + 1, $"run {run.Name}");
            run.WaitingReason.ShouldNotBeNull();
        }
    }
}
