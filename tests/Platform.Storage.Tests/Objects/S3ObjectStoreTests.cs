using Platform.Storage.Objects;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Storage.Tests.Objects;

/// <summary>The contract against s3rver (started by .ci/start-services.sh), one fresh bucket per test.</summary>
public sealed class S3ObjectStoreTests : ObjectStoreContractTests
{
    private readonly S3ObjectStore store;

    public S3ObjectStoreTests()
    {
        var bucket = TestBucket.New();
        store = new S3ObjectStore(new S3ObjectStoreOptions
        {
            Endpoint = bucket.Endpoint.ToString(),
            AccessKey = bucket.AccessKey,
            SecretKey = bucket.SecretKey,
            Bucket = bucket.Name,
        });
    }

    protected override IObjectStore Store => store;

    public override ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ADownloadUrlReallyDownloadsTheObject()
    {
        await PutTextAsync("shared/report.txt", "the report");

        var url = (await Store.GetDownloadUrlAsync("shared/report.txt", TimeSpan.FromMinutes(5), Ct)).ShouldNotBeNull();

        using var http = new HttpClient();
        (await http.GetStringAsync(url, Ct)).ShouldBe("the report");
    }

    [Fact]
    public async Task ADownloadUrlCanBeReadByRange()
    {
        await PutTextAsync("ranged.txt", "0123456789");
        var url = (await Store.GetDownloadUrlAsync("ranged.txt", TimeSpan.FromMinutes(5), Ct))!;

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(2, 5);
        using var response = await http.SendAsync(request, Ct);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("2345");
    }

    [Fact]
    public async Task ADownloadUrlMustExpireWithinSevenDays()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.GetDownloadUrlAsync("a", TimeSpan.FromDays(8), Ct));
    }

    [Fact]
    public async Task TheContentTypeIsKept()
    {
        await PutTextAsync("typed.txt", "text");
        var url = (await Store.GetDownloadUrlAsync("typed.txt", TimeSpan.FromMinutes(5), Ct))!;

        using var http = new HttpClient();
        using var response = await http.GetAsync(url, Ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
    }
}
