using System.Net;
using System.Text.Json;
using Platform.Api.Tests.Training;
using Platform.Contracts;
using Platform.Ml;
using Platform.TestKit;
using Shouldly;
using Xunit;
using static Platform.Api.Tests.Serving.EndpointWaits;

namespace Platform.Api.Tests.Serving;

/// <summary>
/// Deploying registered versions as live endpoints: an image model followed through its production alias, keys,
/// every input form, the refusals, and answers equal to the model package's own predictor.
/// </summary>
public abstract class EndpointTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AnEndpointFollowingAnAliasAnswersImagesWithKeysAndMovesWhenTheAliasMoves()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (member, memberUser) = await app.NewUserAsync("member");
        await owner.AddAndAcceptAsync(member, ws, memberUser.Email, WorkspaceRole.Member, ct);
        var (_, run, v1) = await Registry.RegisteredShapes.RegisterAsync(owner, ws, "shapes", ct);
        await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, "shapes"), ct);
        await owner.SetModelAliasAsync(ws, v1.ModelId, "production", new SetModelAliasRequest(1), ct);

        // A member deploys the production alias; it serves within seconds.
        var deployed = await member.CreateEndpointAsync(ws, new CreateEndpointRequest("shapes", v1.ModelId, Alias: "production"), ct);
        (deployed.Alias, deployed.Version, deployed.PredictPath).ShouldBe(("production", 1, $"serve/{ws}/shapes/predict"));
        var ready = await member.ForServingAsync(ws, deployed.Id, 1, ct);
        ready.Signature!.Kind.ShouldBe("image");
        ready.Signature.Classes.ShouldBe(["circle", "square", "triangle"], ignoreOrder: true);

        var key = await member.CreateEndpointKeyAsync(ws, deployed.Id, new CreateEndpointKeyRequest("checkout service"), ct);
        key.Secret.ShouldStartWith(EndpointKeys.Prefix);
        using var application = app.CreateClient();
        application.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);

        // Base64 JSON, a multipart upload and the member's own sign-in all answer what the package's predictor answers.
        byte[][] images = [DatasetFixtures.Png(64, 64, 30), DatasetFixtures.Png(40, 50, 200), DatasetFixtures.Png(64, 64, 120)];
        IReadOnlyList<Prediction> expected;
        using (var package = await owner.DownloadModelPackageAsync(ws, v1.ModelId, 1, ct))
        using (var predictor = Predictor.Load(await package.Content.ReadAsStreamAsync(ct)))
            expected = predictor.PredictImages(images);
        var (status, body, json) = await PostAsync(application, deployed.PredictPath, new { instances = images.Select(Convert.ToBase64String) }, ct);
        status.ShouldBe(HttpStatusCode.OK, body);
        (json!.Endpoint, json.Model, json.Version).ShouldBe(("shapes", "shapes", 1));
        ShouldMatch(json.Predictions, expected);
        var uploaded = await member.PredictImagesAsync(ws, "shapes", [.. images.Select((b, i) => ($"{i}.png", b))], ct);
        ShouldMatch(uploaded.Predictions, expected);
        var bySession = await member.PredictAsync(ws, "shapes", new PredictRequest([JsonSerializer.SerializeToElement(new { image = Convert.ToBase64String(images[1]) })]), ct);
        ShouldMatch(bySession.Predictions, [expected[1]]);
        using (var bearer = app.CreateClient())
        {
            bearer.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
            (await PostAsync(bearer, deployed.PredictPath, new { instances = new[] { Convert.ToBase64String(images[0]) } }, ct)).Status.ShouldBe(HttpStatusCode.OK);
        }

        // Its own OpenAPI description names its classes and input.
        var description = JsonDocument.Parse(await application.GetStringAsync($"serve/{ws}/shapes/openapi.json", ct)).RootElement;
        var post = description.GetProperty("paths").GetProperty("/" + deployed.PredictPath).GetProperty("post");
        post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _).ShouldBeTrue();
        post.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").GetProperty("predictions").GetProperty("items").GetProperty("properties").GetProperty("label")
            .GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(ready.Signature.Classes, ignoreOrder: true);

        // Moving the alias moves the endpoint while four clients keep calling it: not one request fails, and v2 answers.
        var answered = new System.Collections.Concurrent.ConcurrentBag<(HttpStatusCode Status, int? Version)>();
        using (var load = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!load.IsCancellationRequested)
                {
                    var (code, _, answer) = await PostAsync(application, deployed.PredictPath, new { instances = new[] { Convert.ToBase64String(images[2]) } }, ct);
                    answered.Add((code, answer?.Version));
                }
            }, ct)).ToList();
            await owner.SetModelAliasAsync(ws, v1.ModelId, "production", new SetModelAliasRequest(2), ct);
            (await member.GetEndpointAsync(ws, deployed.Id, ct)).Version.ShouldBe(2);
            await member.ForServingAsync(ws, deployed.Id, 2, ct);
            while (answered.Count(a => a.Version == 2) < 8) await Task.Delay(20, ct);
            await load.CancelAsync();
            await Task.WhenAll(callers);
        }
        answered.ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        answered.ShouldContain(a => a.Version == 1);

        // A fixed version, pointed elsewhere by PATCH; what endpoints serve or follow cannot be deleted.
        var fixedOne = await member.CreateEndpointAsync(ws, new CreateEndpointRequest("shapes-v1", v1.ModelId, Version: 1, MaxBatchSize: 4, MaxWaitMilliseconds: 0), ct);
        (fixedOne.Alias, fixedOne.Version, fixedOne.MaxBatchSize).ShouldBe((null, 1, 4));
        await owner.DeleteModelVersionAsync(ws, v1.ModelId, 1, ct).ShouldFailWith(HttpStatusCode.Conflict);
        await owner.DeleteModelAliasAsync(ws, v1.ModelId, "production", ct).ShouldFailWith(HttpStatusCode.Conflict);
        (await member.UpdateEndpointAsync(ws, fixedOne.Id, new UpdateEndpointRequest(Version: 2), ct)).Version.ShouldBe(2);
        await member.ForServingAsync(ws, fixedOne.Id, 2, ct);

        // Revisions record every change of target; a rollback serves an earlier one's version again, as a new revision.
        (await member.ListEndpointRevisionsAsync(ws, fixedOne.Id, ct: ct)).Items.Select(r => (r.Number, r.Version, r.Alias, r.Reason, r.IsCurrent))
            .ShouldBe([(2, 2, (string?)null, "changed", true), (1, 1, null, "deployed", false)]);
        (await member.ListEndpointRevisionsAsync(ws, deployed.Id, ct: ct)).Items.Select(r => (r.Number, r.Version, r.Alias, r.Reason))
            .ShouldBe([(2, 2, (string?)"production", "alias-moved"), (1, 1, "production", "deployed")]);
        var rolledBack = await member.RollbackEndpointAsync(ws, fixedOne.Id, new RollbackEndpointRequest(1), ct);
        (rolledBack.Version, rolledBack.Alias).ShouldBe((1, null));
        await member.ForServingAsync(ws, fixedOne.Id, 1, ct);
        var latest = (await member.ListEndpointRevisionsAsync(ws, fixedOne.Id, ct: ct)).Items[0];
        (latest.Number, latest.Version, latest.Reason, latest.IsCurrent, latest.CreatedByEmail).ShouldBe((3, 1, "rolled-back", true, memberUser.Email));
        await member.RollbackEndpointAsync(ws, fixedOne.Id, new RollbackEndpointRequest(9), ct).ShouldFailWith(HttpStatusCode.NotFound);
        var audit = (await owner.ListAuditAsync(ws, ct: ct)).Items.Where(a => a.Action.StartsWith("endpoint.") || a.Action == "model.alias-moved").ToList();
        audit.ShouldContain(a => a.Action == "endpoint.deployed" && a.Target == "shapes" && a.Detail == "shapes @production (v1)");
        audit.ShouldContain(a => a.Action == "endpoint.updated" && a.Target == "shapes-v1" && a.Detail == "v1 → v2");
        audit.ShouldContain(a => a.Action == "model.alias-moved" && a.Detail == "v1 → v2; endpoint shapes follows");
        audit.ShouldContain(a => a.Action == "endpoint.key-created" && a.Detail!.StartsWith("checkout service (pek_"));
        audit.ShouldContain(a => a.Action == "endpoint.rolled-back" && a.Target == "shapes-v1" && a.Detail == "v2 → v1 (revision 1)");

        // Keys: another endpoint's key finds nothing here, a revoked or unknown key and no key are refused.
        var otherKey = await member.CreateEndpointKeyAsync(ws, fixedOne.Id, new CreateEndpointKeyRequest("other"), ct);
        using (var other = app.CreateClient())
        {
            other.DefaultRequestHeaders.Add(EndpointKeys.Header, otherKey.Secret);
            (await PostAsync(other, deployed.PredictPath, new { instances = new[] { "x" } }, ct)).Status.ShouldBe(HttpStatusCode.NotFound);
            var one = new { instances = new[] { Convert.ToBase64String(images[0]) } };
            (await PostAsync(other, fixedOne.PredictPath, one, ct)).Status.ShouldBe(HttpStatusCode.OK);
            // Serving processes cache valid keys; the revocation's event makes them forget it (at once here, within a moment elsewhere).
            await member.RevokeEndpointKeyAsync(ws, fixedOne.Id, otherKey.Key.Id, ct);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            HttpStatusCode afterRevoke;
            while ((afterRevoke = (await PostAsync(other, fixedOne.PredictPath, one, ct)).Status) == HttpStatusCode.OK && DateTime.UtcNow < deadline) await Task.Delay(50, ct);
            afterRevoke.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await member.ListEndpointKeysAsync(ws, fixedOne.Id, ct)).Items.ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
        using (var anonymous = app.CreateClient())
        {
            (await PostAsync(anonymous, deployed.PredictPath, new { instances = new[] { "x" } }, ct)).Status.ShouldBe(HttpStatusCode.Unauthorized);
            anonymous.DefaultRequestHeaders.Add(EndpointKeys.Header, EndpointKeys.Prefix + new string('0', 64));
            (await PostAsync(anonymous, deployed.PredictPath, new { instances = new[] { "x" } }, ct)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Bad input: each a 4xx problem that says what is wrong with which instance.
        async Task<string> Refused(HttpContent content, HttpStatusCode expectedStatus)
        {
            var (code, text, _) = await SendAsync(application, deployed.PredictPath, content, ct);
            code.ShouldBe(expectedStatus, text);
            return text;
        }
        (await Refused(Raw("""{"instances":["not base64!"]}""", "application/json"), HttpStatusCode.BadRequest)).ShouldContain("instances[0]: not valid base64");
        (await Refused(Raw($$"""{"instances":["{{Convert.ToBase64String(images[0])}}","{{Convert.ToBase64String("hello"u8.ToArray())}}"]}""", "application/json"),
            HttpStatusCode.BadRequest)).ShouldContain("Input 1");
        (await Refused(Raw("""{"instances":[]}""", "application/json"), HttpStatusCode.BadRequest)).ShouldContain("empty");
        (await Refused(Raw("""{"instances":[{"text":"a"}]}""", "application/json"), HttpStatusCode.BadRequest)).ShouldContain("instances[0]");
        (await Refused(Raw("""{"instances":[""", "application/json"), HttpStatusCode.BadRequest)).ShouldContain("not valid JSON");
        (await Refused(Raw(JsonSerializer.Serialize(new { instances = Enumerable.Repeat("AAAA", 257) }), "application/json"), HttpStatusCode.BadRequest)).ShouldContain("at most 256");
        (await Refused(Raw("hello", "text/plain"), HttpStatusCode.UnsupportedMediaType)).ShouldContain("multipart");
        (await Refused(new MultipartFormDataContent { { new StringContent("x"), "note" } }, HttpStatusCode.BadRequest)).ShouldContain("no files");

        // Monitoring adds up what the endpoint answered: every success, the eight refusals above, latencies and labels.
        var answeredOk = 4 + answered.Count;
        var metrics = await member.GetEndpointMetricsAsync(ws, deployed.Id, 60, ct);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); metrics.Requests < answeredOk + 8 && DateTime.UtcNow < deadline; await Task.Delay(100, ct))
            metrics = await member.GetEndpointMetricsAsync(ws, deployed.Id, 60, ct);
        (metrics.Requests, metrics.Failures, metrics.FailuresByKind["invalid-input"]).ShouldBe((answeredOk + 8, 8L, 8L));
        metrics.Labels.Values.Sum().ShouldBe(answeredOk + 4);
        metrics.P50!.Value.ShouldBeGreaterThan(0);
        metrics.P99!.Value.ShouldBeGreaterThanOrEqualTo(metrics.P50.Value);
        metrics.Series.Sum(m => m.Requests).ShouldBe(metrics.Requests);
        await member.GetEndpointMetricsAsync(ws, deployed.Id, 0, ct).ShouldFailWith(HttpStatusCode.BadRequest);
        var prometheus = await (await app.AdminAsync()).Http.GetStringAsync("metrics", ct);
        prometheus.ShouldContain("platform_serving_requests_total{");
        prometheus.ShouldContain($"endpoint=\"shapes\",outcome=\"invalid-input\",workspace=\"{ws}\"");
        (await member.Http.GetAsync("metrics", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("metrics", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Strangers: a signed-in non-member and a missing endpoint get 404; only Maintainers and Owners delete.
        var (stranger, _) = await app.NewOwnerAsync();
        await stranger.PredictAsync(ws, "shapes", new PredictRequest([JsonSerializer.SerializeToElement("x")]), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.GetEndpointAsync(ws, deployed.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await member.PredictAsync(ws, "missing", new PredictRequest([JsonSerializer.SerializeToElement("x")]), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await member.CreateEndpointAsync(ws, new CreateEndpointRequest("shapes", v1.ModelId), ct).ShouldFailWith(HttpStatusCode.Conflict);
        await member.CreateEndpointAsync(ws, new CreateEndpointRequest("Bad Name", v1.ModelId), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await member.CreateEndpointAsync(ws, new CreateEndpointRequest("no-alias", v1.ModelId, Alias: "staging"), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await member.CreateEndpointAsync(ws, new CreateEndpointRequest("huge", v1.ModelId, MaxBatchSize: 100_000), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await member.DeleteEndpointAsync(ws, deployed.Id, ct).ShouldFailWith(HttpStatusCode.Forbidden);
        await owner.DeleteEndpointAsync(ws, deployed.Id, ct);
        (await PostAsync(application, deployed.PredictPath, new { instances = new[] { Convert.ToBase64String(images[0]) } }, ct)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await member.ListEndpointsAsync(ws, modelId: v1.ModelId, ct: ct)).Items.Select(e => e.Name).ShouldBe(["shapes-v1"]);
    }

    [Fact]
    public async Task TableAndTextEndpointsCheckEveryColumnAndAnswerLikeTheirModels()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var table = await DeployAsync(owner, ws, DatasetFixtures.TableCsv(90), "flowers.csv", "flowers", new StartImportRequest([], TargetColumn: "species"), ct);
        var texts = await DeployAsync(owner, ws, Texts(60), "texts.jsonl", "texts", null, ct);
        table.Signature!.Columns!.Select(c => c.Name).ShouldBe(["sepal_length", "sepal_width", "petal_length", "petal_width", "color"]);
        texts.Signature!.Kind.ShouldBe("text");

        var rows = new Dictionary<string, string?>[]
        {
            new() { ["sepal_length"] = "5.1", ["sepal_width"] = "3.5", ["petal_length"] = "1.4", ["petal_width"] = "0.2", ["color"] = "white" },
            new() { ["sepal_length"] = "6.7", ["sepal_width"] = "2.9", ["petal_length"] = "5.6", ["petal_width"] = "1.9", ["color"] = null },
        };
        var rowAnswer = await owner.PredictAsync(ws, "flowers", new PredictRequest([
            JsonSerializer.SerializeToElement(new { sepal_length = 5.1, sepal_width = 3.5, petal_length = 1.4, petal_width = 0.2, color = "white" }),
            JsonSerializer.SerializeToElement(new { sepal_length = "6.7", sepal_width = 2.9, petal_length = 5.6, petal_width = 1.9, color = (string?)null })]), ct);
        ShouldMatch(rowAnswer.Predictions, (await PackageAsync(owner, ws, table, ct)).PredictRows(rows));
        string[] sentences = ["the sun is bright and warm today", "rain and storm clouds over the sea"];
        var textAnswer = await owner.PredictAsync(ws, "texts", new PredictRequest([JsonSerializer.SerializeToElement(sentences[0]),
            JsonSerializer.SerializeToElement(new { text = sentences[1] })]), ct);
        ShouldMatch(textAnswer.Predictions, (await PackageAsync(owner, ws, texts, ct)).PredictTexts(sentences));

        async Task<string> Refused(string endpoint, object instance)
        {
            var error = await owner.PredictAsync(ws, endpoint, new PredictRequest([JsonSerializer.SerializeToElement(instance)]), ct).ShouldFailWith(HttpStatusCode.BadRequest);
            return error.Message;
        }
        (await Refused("flowers", new { sepal_length = 5.1 })).ShouldContain("missing columns sepal_width, petal_length, petal_width, color");
        (await Refused("flowers", new { sepal_length = "tall", sepal_width = 1, petal_length = 1, petal_width = 1, color = "white" })).ShouldContain("instances[0].sepal_length: 'tall' is not a number");
        (await Refused("flowers", new { sepal_length = 1, sepal_width = 1, petal_length = 1, petal_width = 1, color = "white", height = 3 })).ShouldContain("unknown column 'height'");
        (await Refused("flowers", new { sepal_length = new[] { 1 }, sepal_width = 1, petal_length = 1, petal_width = 1, color = "white" })).ShouldContain("a cell is a string, a number");
        (await Refused("flowers", "5.1,3.5")).ShouldContain("object of column");
        (await Refused("texts", new string('a', 100_001))).ShouldContain("at most 100,000 characters");
        (await Refused("texts", 42)).ShouldContain("a text instance is a string");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2]), "file", "a.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, texts.PredictPath) { Content = upload };
        request.Headers.Add(PlatformClient.CsrfHeader, "1");
        using var response = await owner.Http.SendAsync(request, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    private static async Task<EndpointDto> DeployAsync(PlatformClient owner, Guid ws, byte[] data, string fileName, string name, StartImportRequest? import, CancellationToken ct)
    {
        var (dataset, _) = await owner.ImportAsync(ws, data, fileName, ct, import);
        var started = await owner.StartTrainingAsync(ws, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 10, Settings: RunWaits.Quick), ct);
        var run = await owner.ForRunAsync(ws, started.Id, r => r.Status == RunStatus.Succeeded, ct);
        var version = await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, name), ct);
        var endpoint = await owner.CreateEndpointAsync(ws, new CreateEndpointRequest(name, version.ModelId), ct);
        return await owner.ForServingAsync(ws, endpoint.Id, 1, ct);
    }

    private static async Task<Predictor> PackageAsync(PlatformClient owner, Guid ws, EndpointDto endpoint, CancellationToken ct)
    {
        using var package = await owner.DownloadModelPackageAsync(ws, endpoint.ModelId, endpoint.Version, ct);
        return Predictor.Load(await package.Content.ReadAsStreamAsync(ct));
    }

    private static byte[] Texts(int count)
    {
        string[] sunny = ["sun", "bright", "warm", "clear", "summer"], rainy = ["rain", "storm", "clouds", "wet", "grey"];
        var lines = Enumerable.Range(0, count).Select(i =>
        {
            var words = i % 2 == 0 ? sunny : rainy;
            var text = string.Join(' ', Enumerable.Range(0, 6).Select(j => words[(i + j) % words.Length]));
            return JsonSerializer.Serialize(new { text, label = i % 2 == 0 ? "sunny" : "rainy" });
        });
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }

    private static void ShouldMatch(IReadOnlyList<PredictionDto> actual, IReadOnlyList<Prediction> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Label.ShouldBe(expected[i].Label);
            actual[i].Confidence!.Value.ShouldBe(expected[i].Confidence!.Value, 1e-4);
            actual[i].Probabilities!.Keys.ShouldBe(expected[i].Probabilities!.Keys, ignoreOrder: true);
            actual[i].Probabilities!.Values.Sum().ShouldBe(1, 1e-3);
        }
    }
}
