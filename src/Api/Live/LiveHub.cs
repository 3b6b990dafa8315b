using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Platform.Api.Live;

/// <summary>
/// Browsers join a workspace's group to receive all its events, or one resource's group (a run, an import) to
/// receive only that resource's events. Joining is authorized like the API: members only, else "not found".
/// </summary>
[Authorize]
public sealed class LiveHub(PlatformDb db, LiveConnections connections) : Hub
{
    public const string EveryoneGroup = "everyone";

    public static string WorkspaceGroup(Guid workspaceId) => $"ws:{workspaceId}";

    public static string ResourceGroup(Guid workspaceId, string resourceId) => $"ws:{workspaceId}:{resourceId}";

    public override async Task OnConnectedAsync()
    {
        connections.Add(Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, EveryoneGroup);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public Task JoinWorkspace(Guid workspaceId) => JoinAsync(workspaceId, WorkspaceGroup(workspaceId));

    public Task LeaveWorkspace(Guid workspaceId) => LeaveAsync(WorkspaceGroup(workspaceId));

    public async Task JoinResource(Guid workspaceId, string resourceId)
    {
        if (string.IsNullOrWhiteSpace(resourceId) || resourceId.Length > 64) throw new HubException("The resource id is not valid.");
        await JoinAsync(workspaceId, ResourceGroup(workspaceId, resourceId));
    }

    public Task LeaveResource(Guid workspaceId, string resourceId) => LeaveAsync(ResourceGroup(workspaceId, resourceId));

    private async Task JoinAsync(Guid workspaceId, string group)
    {
        await EnsureMemberAsync(workspaceId);
        connections.Joined(Context.ConnectionId, workspaceId, group);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        // A removal that landed between the check and the join would otherwise leave this connection in the group.
        if (!await IsMemberAsync(workspaceId))
        {
            await LeaveAsync(group);
            throw new HubException("The workspace was not found.");
        }
    }

    private async Task LeaveAsync(string group)
    {
        connections.Left(Context.ConnectionId, group);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    private async Task EnsureMemberAsync(Guid workspaceId)
    {
        if (!await IsMemberAsync(workspaceId)) throw new HubException("The workspace was not found.");
    }

    private Task<bool> IsMemberAsync(Guid workspaceId)
    {
        var userId = Context.User!.UserId();
        if (!Context.User!.MayReach(workspaceId)) return Task.FromResult(false);
        return db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId && m.AcceptedAt != null);
    }
}
