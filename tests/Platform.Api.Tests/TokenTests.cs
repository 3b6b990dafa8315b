using System.Net;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public abstract class TokenTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ATokenIsShownOnceAndWorksAsABearer()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, user) = await app.NewUserAsync("scripter");
        var created = await client.CreateTokenAsync(new CreateApiTokenRequest("ci", 30), ct);
        created.Secret.ShouldStartWith("plat_");
        created.Token.Prefix.ShouldBe(created.Secret[..12]);

        var script = new PlatformClient(app.CreateClient());
        script.UseToken(created.Secret);
        (await script.GetMeAsync(ct)).Id.ShouldBe(user.Id);
        var listed = await client.ListTokensAsync(ct: ct);
        listed.Items.ShouldHaveSingleItem().Id.ShouldBe(created.Token.Id);
    }

    [Fact]
    public async Task ARevokedTokenNoLongerSignsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.NewUserAsync("revoker");
        var created = await client.CreateTokenAsync(new CreateApiTokenRequest("temp", 1), ct);
        await client.RevokeTokenAsync(created.Token.Id, ct);
        var script = new PlatformClient(app.CreateClient());
        script.UseToken(created.Secret);
        await script.GetMeAsync(ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        await client.RevokeTokenAsync(created.Token.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await client.ListTokensAsync(ct: ct)).Items.Single().RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task AnUnknownTokenIsRefused()
    {
        var script = new PlatformClient(app.CreateClient());
        script.UseToken("plat_" + new string('0', 64));
        await script.GetMeAsync(TestContext.Current.CancellationToken).ShouldFailWith(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SomeoneElsesTokenCannotBeRevoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewUserAsync("tokenowner");
        var (other, _) = await app.NewUserAsync("tokenthief");
        var created = await owner.CreateTokenAsync(new CreateApiTokenRequest("mine", 7), ct);
        await other.RevokeTokenAsync(created.Token.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TokenFieldsAreValidated()
    {
        var (client, _) = await app.NewUserAsync("validator");
        var error = await client.CreateTokenAsync(new CreateApiTokenRequest("", 0)).ShouldFailWith(HttpStatusCode.BadRequest);
        error.Problem!.Errors!.Keys.ShouldBe(["name", "expiresInDays"], ignoreOrder: true);
    }

    [Fact]
    public async Task TokenListsPageByCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.NewUserAsync("pager");
        for (var i = 0; i < 5; i++) await client.CreateTokenAsync(new CreateApiTokenRequest($"t{i}", 5), ct);
        var first = await client.ListTokensAsync(limit: 2, ct: ct);
        var second = await client.ListTokensAsync(first.NextCursor, 2, ct);
        var third = await client.ListTokensAsync(second.NextCursor, 2, ct);
        first.Items.Concat(second.Items).Concat(third.Items).Select(t => t.Name).ShouldBe(["t4", "t3", "t2", "t1", "t0"]);
        third.NextCursor.ShouldBeNull();
    }
}
