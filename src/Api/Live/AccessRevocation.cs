namespace Platform.Api.Live;

public static class AccessRevocation
{
    /// <summary>Tells every api replica that the account left <paramref name="workspaceId"/>: its connections leave the workspace's groups.</summary>
    public static Task LeftWorkspaceAsync(this IEventBus events, Guid userId, Guid workspaceId, TimeProvider clock, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.AccessRevoked, workspaceId, userId.ToString(), null, clock.GetUtcNow()), ct);

    /// <summary>Tells every api replica to close the account's live connections (or those opened with one token).</summary>
    public static Task SessionsEndedAsync(this IEventBus events, Guid userId, Guid? tokenId, TimeProvider clock, CancellationToken ct) =>
        events.PublishAsync(new LiveEventDto(LiveEvents.AccessRevoked, null, userId.ToString(), tokenId?.ToString(), clock.GetUtcNow()), ct);
}
