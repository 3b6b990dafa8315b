using Platform.Contracts;

namespace Platform.Api.Tests;

public static class Invitations
{
    /// <summary>The owner invites the account and the account accepts: the usual way to add a member.</summary>
    public static async Task<MemberDto> AddAndAcceptAsync(this PlatformClient owner, PlatformClient invitee, Guid ws, string email, WorkspaceRole role, CancellationToken ct)
    {
        var invited = await owner.AddMemberAsync(ws, new AddMemberRequest(email, role), ct);
        await invitee.AcceptInvitationAsync(ws, ct);
        return invited;
    }
}
