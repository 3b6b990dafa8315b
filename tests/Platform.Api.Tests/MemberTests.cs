using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class MemberTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AnOwnerAddsChangesAndRemovesAMemberAndTheAuditLogRecordsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (member, user) = await app.NewUserAsync("annotator");
        var added = await owner.AddMemberAsync(workspace.Id, new AddMemberRequest(user.Email, WorkspaceRole.Annotator), ct);
        (added.Role, added.Invited).ShouldBe((WorkspaceRole.Annotator, true));
        // Invited, not yet a member: the account sees the invitation and nothing of the workspace until it accepts.
        (await member.ListWorkspacesAsync(ct: ct)).Items.ShouldBeEmpty();
        await member.GetWorkspaceAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        var invitation = (await member.ListInvitationsAsync(ct: ct)).Items.ShouldHaveSingleItem();
        (invitation.WorkspaceName, invitation.Role, invitation.InvitedBy).ShouldBe((workspace.Name, WorkspaceRole.Annotator, (await owner.GetMeAsync(ct)).Email));
        (await member.AcceptInvitationAsync(workspace.Id, ct)).MyRole.ShouldBe(WorkspaceRole.Annotator);
        (await member.ListWorkspacesAsync(ct: ct)).Items.ShouldHaveSingleItem().MyRole.ShouldBe(WorkspaceRole.Annotator);
        (await member.ListInvitationsAsync(ct: ct)).Items.ShouldBeEmpty();
        (await owner.ListMembersAsync(workspace.Id, ct: ct)).Items.Single(m => m.UserId == user.Id).Invited.ShouldBeFalse();

        (await owner.ChangeMemberRoleAsync(workspace.Id, user.Id, new ChangeMemberRoleRequest(WorkspaceRole.Maintainer), ct)).Role.ShouldBe(WorkspaceRole.Maintainer);
        await owner.RemoveMemberAsync(workspace.Id, user.Id, ct);
        await member.GetWorkspaceAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);

        var actions = (await owner.ListAuditAsync(workspace.Id, ct: ct)).Items.Select(a => a.Action)
            .Where(a => a.StartsWith("member.") || a.StartsWith("workspace.")).ToList();
        actions.ShouldBe(["member.removed", "member.role-changed", "member.added", "member.invited", "workspace.created"]);
    }

    [Fact]
    public async Task AddingAnUnknownEmailOrTheSamePersonTwiceIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var error = await owner.AddMemberAsync(workspace.Id, new AddMemberRequest("nobody@example.com", WorkspaceRole.Member), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!["email"].Single().ShouldContain("No account");
        var (_, user) = await app.NewUserAsync("twice");
        await owner.AddMemberAsync(workspace.Id, new AddMemberRequest(user.Email, WorkspaceRole.Member), ct);
        await owner.AddMemberAsync(workspace.Id, new AddMemberRequest(user.Email, WorkspaceRole.Viewer), ct).ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnInvitationCanBeDeclinedOrWithdrawnAndAStrangerCannotAnswerIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (invitee, user) = await app.NewUserAsync("invitee");
        var (stranger, _) = await app.NewUserAsync("stranger");
        await owner.AddMemberAsync(workspace.Id, new AddMemberRequest(user.Email, WorkspaceRole.Owner), ct);
        await stranger.AcceptInvitationAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await owner.AcceptInvitationAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.NotFound); // already a member
        // An invited owner does not count as an owner: the only real one still cannot leave.
        await owner.RemoveMemberAsync(workspace.Id, (await owner.GetMeAsync(ct)).Id, ct).ShouldFailWith(HttpStatusCode.Conflict);

        await invitee.DeclineInvitationAsync(workspace.Id, ct);
        (await invitee.ListInvitationsAsync(ct: ct)).Items.ShouldBeEmpty();
        (await owner.ListMembersAsync(workspace.Id, ct: ct)).Items.ShouldNotContain(m => m.UserId == user.Id);

        await owner.AddMemberAsync(workspace.Id, new AddMemberRequest(user.Email, WorkspaceRole.Member), ct);
        await owner.RemoveMemberAsync(workspace.Id, user.Id, ct); // withdrawn
        await invitee.AcceptInvitationAsync(workspace.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        var actions = (await owner.ListAuditAsync(workspace.Id, ct: ct)).Items.Select(a => a.Action).ToList();
        actions.ShouldContain("member.declined");
    }

    [Fact]
    public async Task TheLastOwnerCannotLeaveOrBeDemoted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var me = await owner.GetMeAsync(ct);
        await owner.ChangeMemberRoleAsync(workspace.Id, me.Id, new ChangeMemberRoleRequest(WorkspaceRole.Member), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await owner.RemoveMemberAsync(workspace.Id, me.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlyOwnersManageMembersAndReadTheAuditLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (maintainer, user) = await app.NewUserAsync("maint");
        await owner.AddAndAcceptAsync(maintainer, workspace.Id, user.Email, WorkspaceRole.Maintainer, ct);
        (await maintainer.ListMembersAsync(workspace.Id, ct: ct)).Items.Count.ShouldBe(2);
        await maintainer.AddMemberAsync(workspace.Id, new AddMemberRequest(user.Email, WorkspaceRole.Owner), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await maintainer.ListAuditAsync(workspace.Id, ct: ct).ShouldFailWith(HttpStatusCode.Forbidden);
    }
}
