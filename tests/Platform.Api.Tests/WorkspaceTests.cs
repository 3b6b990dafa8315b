using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class WorkspaceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task TheCreatorOwnsANewWorkspace()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, user) = await app.NewUserAsync("creator");
        var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest("  Vision team  "), ct);
        workspace.Name.ShouldBe("Vision team");
        workspace.MyRole.ShouldBe(WorkspaceRole.Owner);
        (await client.ListMembersAsync(workspace.Id, ct: ct)).Items.ShouldHaveSingleItem().UserId.ShouldBe(user.Id);
        (await client.ListAuditAsync(workspace.Id, ct: ct)).Items.ShouldContain(a => a.Action == "workspace.created");
    }

    [Fact]
    public async Task RenamingIsForMaintainersAndAbove()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        (await owner.RenameWorkspaceAsync(workspace.Id, new RenameWorkspaceRequest("Renamed"), ct)).Name.ShouldBe("Renamed");
        var (member, user) = await app.NewUserAsync("member");
        await owner.AddAndAcceptAsync(member, workspace.Id, user.Email, WorkspaceRole.Member, ct);
        await member.RenameWorkspaceAsync(workspace.Id, new RenameWorkspaceRequest("Mine now"), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        (await owner.GetWorkspaceAsync(workspace.Id, ct)).Name.ShouldBe("Renamed");
    }

    [Fact]
    public async Task AnArchivedWorkspaceIsReadOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        (await owner.ArchiveWorkspaceAsync(workspace.Id, ct)).IsArchived.ShouldBeTrue();
        await owner.RenameWorkspaceAsync(workspace.Id, new RenameWorkspaceRequest("x"), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await owner.ArchiveWorkspaceAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await owner.GetWorkspaceAsync(workspace.Id, ct)).IsArchived.ShouldBeTrue();
    }

    [Fact]
    public async Task WorkspaceListsPageByCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.NewUserAsync("many");
        for (var i = 0; i < 3; i++) await client.CreateWorkspaceAsync(new CreateWorkspaceRequest($"w{i}"), ct);
        var first = await client.ListWorkspacesAsync(limit: 2, ct: ct);
        first.Items.Count.ShouldBe(2);
        var second = await client.ListWorkspacesAsync(first.NextCursor, 2, ct);
        second.NextCursor.ShouldBeNull();
        first.Items.Concat(second.Items).Select(w => w.Name).ShouldBe(["w0", "w1", "w2"]);
        await client.ListWorkspacesAsync("%%%not-a-cursor", ct: ct).ShouldFailWith(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWorkspaceNeedsAName()
    {
        var (client, _) = await app.NewUserAsync("nameless");
        var error = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest(" ")).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["name"].ShouldBe(["Name is required."]);
        await client.CreateWorkspaceAsync(new CreateWorkspaceRequest(new string('x', 81))).ShouldFailWith(HttpStatusCode.BadRequest);
    }
}
