using System.Net;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Security;

/// <summary>Hostile cases against what the server sends and accepts around the API: headers, the dashboard, rate limits.</summary>
public abstract class HeaderSecurityTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ApiResponsesForbidSniffingFramingAndScripts()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.NewOwnerAsync();
        foreach (var path in new[] { "api/auth/me", "api/no-such-thing", "health/live" })
        {
            using var response = await owner.Http.GetAsync(path, ct);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], path);
            response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"], path);
        }
        using var api = await owner.Http.GetAsync("api/auth/me", ct);
        var policy = api.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("sandbox");
        policy.ShouldContain("default-src 'none'");
    }

    [Fact]
    public async Task ItemContentIsServedAsTheImageItIsWhateverItsNameSays()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        // A COCO file may name any file of the upload; a name ending in .html must not make the server send HTML.
        const string coco = """
            {"images": [{"id": 1, "file_name": "page.html", "width": 16, "height": 12}, {"id": 2, "file_name": "b.svg", "width": 16, "height": 12}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 4, 4]}, {"id": 2, "image_id": 2, "category_id": 1, "bbox": [1, 1, 4, 4]}],
             "categories": [{"id": 1, "name": "thing"}]}
            """;
        var zip = DatasetFixtures.Zip(("instances.json", DatasetFixtures.Text(coco)), ("page.html", DatasetFixtures.Png()), ("b.svg", DatasetFixtures.Png(shade: 9)));
        var (dataset, import) = await owner.ImportAsync(workspace.Id, zip, "coco.zip", ct);
        import.ShouldHaveSucceeded();
        foreach (var item in (await owner.ListItemsAsync(workspace.Id, dataset.Id, 1, ct: ct)).Items)
        {
            using var content = await owner.Http.GetAsync(PlatformClient.ItemContentUrl(workspace.Id, dataset.Id, 1, item.Id), ct);
            content.StatusCode.ShouldBe(HttpStatusCode.OK);
            content.Content.Headers.ContentType!.MediaType.ShouldBe("image/png", item.Path);
            content.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
            (await content.Content.ReadAsByteArrayAsync(ct)).ShouldBe(item.Path.EndsWith(".html") ? DatasetFixtures.Png() : DatasetFixtures.Png(shade: 9));
        }
    }

    [Fact]
    public async Task TheJobDashboardRefusesAPostWithoutItsAntiForgeryToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        (await admin.Http.GetAsync("hangfire", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var post = await admin.Http.PostAsync("hangfire/jobs/enqueued/delete",
            new FormUrlEncodedContent([new("jobs[]", "1")]), ct);
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SignInIsRateLimitedPerAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var strict = new StrictApp(app.Provider);
        await strict.InitializeAsync();
        for (var i = 0; i < 3; i++)
            await strict.NewClient().SignInAsync(new SignInRequest($"guess{i}@example.com", "wrong-password-1"), ct).ShouldFailWith(HttpStatusCode.Unauthorized);
        var limited = await strict.NewClient().SignInAsync(new SignInRequest("guess@example.com", "wrong-password-1"), ct)
            .ShouldFailWith(HttpStatusCode.TooManyRequests);
        limited.Problem!.Detail.ShouldNotBeNull().ShouldContain("try again in");
    }

    private sealed class StrictApp(DatabaseProvider provider) : PlatformApp(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Platform:RateLimits:SignInPerMinute", "3");
        }
    }
}
