using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Tracking;

/// <summary>A tracked run's files: streamed up or attached from a resumable upload, listed, downloaded, deleted.</summary>
public abstract class RunArtifactTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task FilesAreStreamedUpAndDownloadedByteIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, script) = await NewRunAsync("files", ct);
        var model = RandomBytes(5 * 1024 * 1024 + 3, seed: 1);
        var created = await script.PutRunArtifactAsync(ws, run, "checkpoints/model.bin", new MemoryStream(model), ct);
        created.Size.ShouldBe(model.Length);
        created.ContentType.ShouldBe("application/octet-stream");
        // Without a length (chunked), and a JSON file over the API's 256 KiB JSON limit.
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"step {i}\n")));
        (await script.PutRunArtifactAsync(ws, run, "logs/train.txt", new OneWayStream(log), ct)).Size.ShouldBe(log.Length);
        var json = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, 60_000)) + "]");
        json.Length.ShouldBeGreaterThan(256 * 1024);
        var put = await script.SendRawAsync(HttpMethod.Put, PlatformClient.RunArtifactUrl(ws, run, "metrics.json"), Json(json), ct);
        put.Status.ShouldBe(HttpStatusCode.Created);
        var html = "<script>alert(1)</script>"u8.ToArray();
        var svg = "<svg onload=\"alert(1)\"/>"u8.ToArray();
        await script.PutRunArtifactAsync(ws, run, "index.html", new MemoryStream(html), ct);
        await script.PutRunArtifactAsync(ws, run, "plots/loss curve.svg", new MemoryStream(svg), ct);

        await DownloadShouldBeAsync(script, ws, run, "checkpoints/model.bin", model, "application/octet-stream", attachment: true, ct);
        await DownloadShouldBeAsync(script, ws, run, "logs/train.txt", log, "text/plain", attachment: false, ct);
        await DownloadShouldBeAsync(script, ws, run, "metrics.json", json, "application/json", attachment: false, ct);
        await DownloadShouldBeAsync(script, ws, run, "index.html", null, "application/octet-stream", attachment: true, ct);
        await DownloadShouldBeAsync(script, ws, run, "plots/loss curve.svg", null, "application/octet-stream", attachment: true, ct);

        var first = await script.ListRunArtifactsAsync(ws, run, limit: 3, ct: ct);
        var second = await script.ListRunArtifactsAsync(ws, run, first.NextCursor, limit: 3, ct: ct);
        second.NextCursor.ShouldBeNull();
        first.Items.Concat(second.Items).Select(a => (a.Path, a.Size)).ShouldBe(
        [
            ("checkpoints/model.bin", model.Length), ("index.html", html.Length), ("logs/train.txt", log.Length), ("metrics.json", json.Length),
            ("plots/loss curve.svg", svg.Length),
        ]);

        // Written again, a path is replaced, not added.
        var again = await script.SendRawAsync(HttpMethod.Put, PlatformClient.RunArtifactUrl(ws, run, "logs/train.txt"), new ByteArrayContent("done\n"u8.ToArray()), ct);
        again.Status.ShouldBe(HttpStatusCode.OK);
        await DownloadShouldBeAsync(script, ws, run, "logs/train.txt", "done\n"u8.ToArray(), "text/plain", attachment: false, ct);
        (await script.ListRunArtifactsAsync(ws, run, ct: ct)).Items.Count.ShouldBe(5);

        await script.DeleteRunArtifactAsync(ws, run, "index.html", ct);
        await script.DownloadRunArtifactAsync(ws, run, "index.html", ct).ShouldFailWith(HttpStatusCode.NotFound);
        await script.DeleteRunArtifactAsync(ws, run, "index.html", ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await script.ListRunArtifactsAsync(ws, run, ct: ct)).Items.Select(a => a.Path).ShouldNotContain("index.html");
        (await script.GetStorageAsync(ws, ct)).UsedBytes.ShouldBe(model.Length + 5 + json.Length + svg.Length);
    }

    [Fact]
    public async Task AResumableUploadIsAttachedAsAFile()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, script) = await NewRunAsync("attach", ct);
        var bytes = RandomBytes(3 * 1024 * 1024 + 17, seed: 2);
        var upload = await script.CreateUploadAsync(ws, new CreateUploadRequest("weights.safetensors", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), ct);
        await script.SendChunkAsync(ws, upload.Id, 0, bytes.AsMemory(0, 1024 * 1024), ct);
        await script.AttachRunArtifactAsync(ws, run, new AttachArtifactRequest(upload.Id), ct).ShouldFailWith(HttpStatusCode.Conflict);
        // The connection was cut: the upload resumes where the server says it stopped, then completes.
        var completed = await script.UploadAsync(ws, new MemoryStream(bytes), "weights.safetensors", resumeId: upload.Id, chunkBytes: 1024 * 1024, ct: ct);
        completed.State.ShouldBe(UploadState.Complete);

        var artifact = await script.AttachRunArtifactAsync(ws, run, new AttachArtifactRequest(upload.Id, "model/weights.safetensors"), ct);
        artifact.Path.ShouldBe("model/weights.safetensors");
        artifact.Size.ShouldBe(bytes.Length);
        await DownloadShouldBeAsync(script, ws, run, "model/weights.safetensors", bytes, "application/octet-stream", attachment: true, ct);
        await script.GetUploadAsync(ws, upload.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await script.AttachRunArtifactAsync(ws, run, new AttachArtifactRequest(upload.Id, "again.bin"), ct).ShouldFailWith(HttpStatusCode.NotFound);
        (await script.GetStorageAsync(ws, ct)).UsedBytes.ShouldBe(bytes.Length, "the upload's reservation became the file's");

        // Without a path, the file keeps the upload's name.
        var small = await script.UploadAsync(ws, new MemoryStream("a,b\n1,2\n"u8.ToArray()), "table.csv", ct: ct);
        (await script.AttachRunArtifactAsync(ws, run, new AttachArtifactRequest(small.Id), ct)).Path.ShouldBe("table.csv");
        await DownloadShouldBeAsync(script, ws, run, "table.csv", "a,b\n1,2\n"u8.ToArray(), "text/csv", attachment: false, ct);
    }

    [Fact]
    public async Task BadPathsAreRefusedAndWriteNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, script) = await NewRunAsync("paths", ct);
        var upload = await script.UploadAsync(ws, new MemoryStream("x"u8.ToArray()), "x.txt", ct: ct);

        // An HTTP client collapses "../" in a URL (and Kestrel would too); sent as written, the route's path is refused.
        var escape = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "PUT";
            c.Request.Path = $"/api/workspaces/{ws}/runs/{run}/artifacts/../x";
            c.Request.Headers.Authorization = script.Http.DefaultRequestHeaders.Authorization!.ToString();
            c.Request.Body = new MemoryStream("x"u8.ToArray());
        }, ct);
        escape.Response.StatusCode.ShouldBe(400);
        escape.Response.ContentType.ShouldBe("application/problem+json");
        foreach (var path in new[] { "../x", "a/../../x", "/etc/passwd", "C:/x", "a//b", "a/./b", "a/", "a\\b", "a\u0001b", new string('a', 513), string.Join('/', Enumerable.Repeat("d", 17)), new string('n', 256) })
        {
            (await script.PostJsonAsync($"api/workspaces/{ws}/runs/{run}/artifacts", $$"""{"uploadId": "{{upload.Id}}", "path": {{System.Text.Json.JsonSerializer.Serialize(path)}}}""", ct))
                .ShouldBeProblem(HttpStatusCode.BadRequest).ShouldContainKey("path");
        }
        (await script.SendRawAsync(HttpMethod.Put, PlatformClient.RunArtifactUrl(ws, run, "a\\b"), new ByteArrayContent([1]), ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await script.GetUploadAsync(ws, upload.Id, ct)).State.ShouldBe(UploadState.Complete);

        // A path is a file or a folder, not both.
        await script.PutRunArtifactAsync(ws, run, "plots", new MemoryStream([1]), ct);
        await script.PutRunArtifactAsync(ws, run, "plots/loss.png", new MemoryStream([1]), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await script.PutRunArtifactAsync(ws, run, "dir/file", new MemoryStream([1]), ct);
        await script.PutRunArtifactAsync(ws, run, "dir", new MemoryStream([1]), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await script.PutRunArtifactAsync(ws, run, "Dir", new MemoryStream([1]), ct);
        (await script.ListRunArtifactsAsync(ws, run, ct: ct)).Items.Select(a => a.Path).ShouldBe(["Dir", "dir/file", "plots"], ignoreOrder: true);
    }

    [Fact]
    public async Task StrangersFindNothingAndViewersOnlyRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, owner) = await NewRunAsync("private", ct);
        await owner.PutRunArtifactAsync(ws, run, "secret.txt", new MemoryStream("secret"u8.ToArray()), ct);

        var (strangerOwner, strangerWorkspace) = await app.NewOwnerAsync("stranger");
        var stranger = await TrackingHttp.ScriptAsync(app, strangerOwner, strangerWorkspace.Id, ct);
        var upload = await stranger.UploadAsync(strangerWorkspace.Id, new MemoryStream("x"u8.ToArray()), "x.txt", ct: ct);
        foreach (var target in new[] { strangerWorkspace.Id, ws })
        {
            await stranger.ListRunArtifactsAsync(target, run, ct: ct).ShouldFailWith(HttpStatusCode.NotFound);
            await stranger.DownloadRunArtifactAsync(target, run, "secret.txt", ct).ShouldFailWith(HttpStatusCode.NotFound);
            await stranger.PutRunArtifactAsync(target, run, "secret.txt", new MemoryStream([1]), ct).ShouldFailWith(HttpStatusCode.NotFound);
            await stranger.DeleteRunArtifactAsync(target, run, "secret.txt", ct).ShouldFailWith(HttpStatusCode.NotFound);
            await stranger.AttachRunArtifactAsync(target, run, new AttachArtifactRequest(upload.Id), ct).ShouldFailWith(HttpStatusCode.NotFound);
        }
        // Nor can an upload of another workspace be attached to a run here.
        await owner.AttachRunArtifactAsync(ws, run, new AttachArtifactRequest(upload.Id), ct).ShouldFailWith(HttpStatusCode.NotFound);

        var (viewerClient, viewerUser) = await app.NewUserAsync("viewer");
        await owner.AddAndAcceptAsync(viewerClient, ws, viewerUser.Email, WorkspaceRole.Viewer, ct);
        var viewer = await TrackingHttp.ScriptAsync(app, viewerClient, ws, ct);
        (await viewer.ListRunArtifactsAsync(ws, run, ct: ct)).Items.ShouldHaveSingleItem().Path.ShouldBe("secret.txt");
        using (var download = await viewer.DownloadRunArtifactAsync(ws, run, "secret.txt", ct))
            (await download.Content.ReadAsStringAsync(ct)).ShouldBe("secret");
        await viewer.PutRunArtifactAsync(ws, run, "secret.txt", new MemoryStream([1]), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.DeleteRunArtifactAsync(ws, run, "secret.txt", ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await viewer.AttachRunArtifactAsync(ws, run, new AttachArtifactRequest(Guid.NewGuid()), ct).ShouldFailWith(HttpStatusCode.Forbidden);
        using (var download = await owner.DownloadRunArtifactAsync(ws, run, "secret.txt", ct))
            (await download.Content.ReadAsStringAsync(ct)).ShouldBe("secret");
    }

    [Fact]
    public async Task MlflowListsTheFilesFolderByFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, script) = await NewRunAsync("mlflow", ct);
        await script.PutRunArtifactAsync(ws, run, "model/weights.bin", new MemoryStream(new byte[1000]), ct);
        await script.PutRunArtifactAsync(ws, run, "model/config/params.json", new MemoryStream("{}"u8.ToArray()), ct);
        await script.PutRunArtifactAsync(ws, run, "metrics.csv", new MemoryStream("a\n"u8.ToArray()), ct);
        var mlflow = new MlflowHttp(script.Http);

        var top = await mlflow.OkGetAsync($"artifacts/list?run_id={run:N}", ct);
        top["root_uri"]!.GetValue<string>().ShouldContain(run.ToString("N"));
        Files(top).ShouldBe(["metrics.csv file 2", "model dir"]);
        Files(await mlflow.OkGetAsync($"artifacts/list?run_id={run:N}&path=model", ct)).ShouldBe(["model/config dir", "model/weights.bin file 1000"]);
        Files(await mlflow.OkGetAsync($"artifacts/list?run_id={run:N}&path=model/config/", ct)).ShouldBe(["model/config/params.json file 2"]);
        (await mlflow.OkGetAsync($"artifacts/list?run_id={run:N}&path=nothing", ct))["files"].ShouldBeNull();
    }

    [Fact]
    public async Task ConcurrentWritersOfOnePathLeaveOneFileThatMatchesItsRow()
    {
        // S3 and the folder store replace an object atomically; s3rver, the test double, rewrites it in place, so
        // concurrent writers of one key interleave their bytes there and a HEAD meanwhile fails.
        Assert.SkipWhen(app is ProductionApp, "s3rver does not replace objects atomically; the PostgreSQL and SQLite classes run this");
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, script) = await NewRunAsync("race", ct);
        var payloads = Enumerable.Range(0, 8).Select(i => RandomBytes(100_000 + i * 1000, seed: 10 + i)).ToList();
        await Task.WhenAll(payloads.Select(p => script.PutRunArtifactAsync(ws, run, "same.bin", new MemoryStream(p), ct)));

        var row = (await script.ListRunArtifactsAsync(ws, run, ct: ct)).Items.ShouldHaveSingleItem();
        using var download = await script.DownloadRunArtifactAsync(ws, run, "same.bin", ct);
        var stored = await download.Content.ReadAsByteArrayAsync(ct);
        stored.Length.ShouldBe((int)row.Size);
        payloads.Any(p => p.SequenceEqual(stored)).ShouldBeTrue("the stored file is one of the payloads, whole");
    }

    [Fact]
    public async Task AFileOverTheStorageQuotaIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ws, run, script) = await NewRunAsync("quota", ct);
        await (await app.AdminAsync()).SetStorageQuotaAsync(ws, 1024 * 1024, ct);
        var big = RandomBytes(2 * 1024 * 1024, seed: 3);
        await script.PutRunArtifactAsync(ws, run, "declared.bin", new MemoryStream(big), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await script.PutRunArtifactAsync(ws, run, "streamed.bin", new OneWayStream(big), ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await script.ListRunArtifactsAsync(ws, run, ct: ct)).Items.ShouldBeEmpty();
        await script.PutRunArtifactAsync(ws, run, "fits.bin", new OneWayStream(big[..(512 * 1024)]), ct);
        (await script.GetStorageAsync(ws, ct)).UsedBytes.ShouldBe(512 * 1024);
    }

    private async Task<(Guid Workspace, Guid Run, PlatformClient Script)> NewRunAsync(string name, CancellationToken ct)
    {
        var (owner, workspace) = await app.NewOwnerAsync();
        var script = await TrackingHttp.ScriptAsync(app, owner, workspace.Id, ct);
        var experiment = await script.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest(name), ct);
        var run = await script.CreateTrackedRunAsync(workspace.Id, experiment.Id, new CreateTrackedRunRequest(name), ct);
        return (workspace.Id, run.Id, script);
    }

    private static async Task DownloadShouldBeAsync(PlatformClient client, Guid ws, Guid run, string path, byte[]? expected, string contentType, bool attachment,
        CancellationToken ct)
    {
        using var response = await client.DownloadRunArtifactAsync(ws, run, path, ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var disposition = response.Content.Headers.ContentDisposition.ShouldNotBeNull();
        disposition.DispositionType.ShouldBe(attachment ? "attachment" : "inline");
        disposition.FileNameStar.ShouldBe(path[(path.LastIndexOf('/') + 1)..]);
        if (expected is not null) (await response.Content.ReadAsByteArrayAsync(ct)).ShouldBe(expected);
    }

    private static string[] Files(System.Text.Json.Nodes.JsonNode list) =>
        list["files"]!.AsArray().Select(f => f!["is_dir"]!.GetValue<bool>()
            ? $"{f["path"]!.GetValue<string>()} dir"
            : $"{f["path"]!.GetValue<string>()} file {f["file_size"]!.GetValue<long>()}").ToArray();

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Cannot seek, so the client cannot know its length and sends it chunked.</summary>
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}

/// <summary>The per-run file count holds under concurrent writers of different paths.</summary>
public abstract class RunArtifactLimitTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    public const int Limit = 3;

    [Fact]
    public async Task ConcurrentWritersCannotPassTheCountLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var experiment = await owner.CreateExperimentAsync(workspace.Id, new CreateExperimentRequest("limit"), ct);
        var run = await owner.CreateTrackedRunAsync(workspace.Id, experiment.Id, new CreateTrackedRunRequest(), ct);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await owner.PutRunArtifactAsync(workspace.Id, run.Id, $"file-{i}.bin", new MemoryStream(new byte[50_000]), ct);
                return HttpStatusCode.Created;
            }
            catch (PlatformApiException ex)
            {
                return ex.Status;
            }
        }));
        attempts.Count(s => s == HttpStatusCode.Created).ShouldBe(Limit);
        attempts.Count(s => s == HttpStatusCode.Conflict).ShouldBe(10 - Limit);
        (await owner.ListRunArtifactsAsync(workspace.Id, run.Id, ct: ct)).Items.Count.ShouldBe(Limit);
        // Replacing a file does not count as another.
        var kept = (await owner.ListRunArtifactsAsync(workspace.Id, run.Id, ct: ct)).Items[0].Path;
        await owner.PutRunArtifactAsync(workspace.Id, run.Id, kept, new MemoryStream([1]), ct);
        (await owner.GetStorageAsync(workspace.Id, ct)).UsedBytes.ShouldBe((Limit - 1) * 50_000 + 1);
    }
}

public sealed class SmallArtifactLimitSqliteApp() : PlatformApp(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Platform:Tracking:MaxArtifactsPerRun", RunArtifactLimitTests<SmallArtifactLimitSqliteApp>.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SmallArtifactLimitPostgresApp() : PlatformApp(DatabaseProvider.Postgres)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Platform:Tracking:MaxArtifactsPerRun", RunArtifactLimitTests<SmallArtifactLimitPostgresApp>.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
