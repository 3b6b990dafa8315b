using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Security;

/// <summary>Hostile cases against workspaces: owners leaving at once, live events after losing access.</summary>
public abstract class WorkspaceSecurityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task TwoOwnersLeavingAtTheSameMomentLeaveOneOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < 4; round++)
        {
            var (first, workspace) = await app.NewOwnerAsync();
            var (second, secondUser) = await app.NewUserAsync("co-owner");
            await first.AddAndAcceptAsync(second, workspace.Id, secondUser.Email, WorkspaceRole.Owner, ct);
            var firstUser = await first.GetMeAsync(ct);

            var results = await Task.WhenAll(Leave(first, workspace.Id, firstUser.Id, ct), Leave(second, workspace.Id, secondUser.Id, ct));
            results.Count(left => left).ShouldBe(1, $"round {round}");
            var remaining = results[0] ? second : first;
            var members = await remaining.ListMembersAsync(workspace.Id, ct: ct);
            members.Items.ShouldHaveSingleItem().Role.ShouldBe(WorkspaceRole.Owner);
        }
    }

    [Fact]
    public async Task ARemovedMemberStopsReceivingTheWorkspacesEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (member, user) = await app.NewUserAsync("removed");
        await owner.AddAndAcceptAsync(member, workspace.Id, user.Email, WorkspaceRole.Member, ct);
        var token = await member.CreateTokenAsync(new CreateApiTokenRequest("live", 1), ct);
        await using var live = await ConnectAsync(token.Secret, ct);
        var received = new List<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Received += e => { if (e.Type == LiveEvents.TestEvent) { lock (received) received.Add(e.Message!); first.TrySetResult(); } };
        await live.JoinWorkspaceAsync(workspace.Id, ct);
        await owner.SendTestEventAsync(workspace.Id, "before", ct);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        await owner.RemoveMemberAsync(workspace.Id, user.Id, ct);
        await owner.SendTestEventAsync(workspace.Id, "after", ct);
        // An event of a workspace the member still sees, sent later on the same connection, proves "after" was not just late.
        var other = await member.CreateWorkspaceAsync(new CreateWorkspaceRequest("Mine"), ct);
        var proof = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Received += e => { if (e.Message == "proof") proof.TrySetResult(); };
        await live.JoinWorkspaceAsync(other.Id, ct);
        await member.SendTestEventAsync(other.Id, "proof", ct);
        await proof.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        lock (received) received.ShouldBe(["before", "proof"]);
    }

    [Fact]
    public async Task RevokingATokenClosesTheLiveConnectionItOpened()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var token = await owner.CreateTokenAsync(new CreateApiTokenRequest("revoked", 1), ct);
        await using var live = await ConnectAsync(token.Secret, ct);
        await live.JoinWorkspaceAsync(workspace.Id, ct);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.StateChanged += () => { if (live.State == HubConnectionState.Disconnected) closed.TrySetResult(); };

        await owner.RevokeTokenAsync(token.Token.Id, ct);
        // The connection is closed and cannot come back: reconnecting with a revoked token is refused.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        live.State.ShouldBe(HubConnectionState.Disconnected);
    }

    private static async Task<bool> Leave(PlatformClient client, Guid workspaceId, Guid userId, CancellationToken ct)
    {
        try
        {
            await client.RemoveMemberAsync(workspaceId, userId, ct);
            return true;
        }
        catch (PlatformApiException e) when (e.Status is HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) { return false; }
    }

    private async Task<LiveEventsClient> ConnectAsync(string secret, CancellationToken ct)
    {
        var live = new LiveEventsClient(app.Server.BaseAddress, o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(secret);
        });
        await live.StartAsync(ct);
        return live;
    }
}
