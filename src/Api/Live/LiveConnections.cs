using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Platform.Api.Live;

/// <summary>
/// The hub connections open on this replica and the workspace groups each joined. Joining was authorized once, so
/// when an account loses access the server acts: a member removed from a workspace leaves its groups, and a revoked
/// token or an ended session (sign-out, new password) closes the connection.
/// </summary>
public sealed class LiveConnections
{
    public const string TokenIdClaim = "platform:token_id";

    private readonly ConcurrentDictionary<string, Connection> _open = new();

    public void Add(HubCallerContext context) => _open[context.ConnectionId] = new Connection(context);

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public void Joined(string connectionId, Guid workspaceId, string group)
    {
        if (_open.TryGetValue(connectionId, out var connection)) connection.Groups[group] = workspaceId;
    }

    public void Left(string connectionId, string group)
    {
        if (_open.TryGetValue(connectionId, out var connection)) connection.Groups.TryRemove(group, out _);
    }

    /// <summary>The account's groups of one workspace, forgotten here; the caller removes the connections from them.</summary>
    public List<(string ConnectionId, string Group)> TakeWorkspaceGroups(Guid userId, Guid workspaceId)
    {
        var taken = new List<(string, string)>();
        foreach (var connection in Of(userId))
            foreach (var (group, ws) in connection.Groups)
                if (ws == workspaceId && connection.Groups.TryRemove(group, out _)) taken.Add((connection.Context.ConnectionId, group));
        return taken;
    }

    /// <summary>Closes the account's connections, or only those opened with <paramref name="tokenId"/>.</summary>
    public int Close(Guid userId, string? tokenId)
    {
        var closed = 0;
        foreach (var connection in Of(userId))
        {
            if (tokenId is not null && connection.Context.User?.FindFirst(TokenIdClaim)?.Value != tokenId) continue;
            connection.Context.Abort();
            Remove(connection.Context.ConnectionId);
            closed++;
        }
        return closed;
    }

    private IEnumerable<Connection> Of(Guid userId) => _open.Values.Where(c => c.Context.User?.TryUserId() == userId);

    private sealed record Connection(HubCallerContext Context)
    {
        public ConcurrentDictionary<string, Guid> Groups { get; } = new();
    }
}
