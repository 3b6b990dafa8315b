using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.Cli.Tests;

public sealed class TrainAndServeTests(PlatformServer server)
{
    [Fact]
    public async Task ARunStartedFromTheCliIsWatchedLiveUntilItSucceedsThenRegisteredDeployedAndAskedForPredictions()
    {
        var config = await server.SignedInConfigAsync();
        var work = server.NewFolder("train");
        (await Cli.RunAsync(config, ["datasets", "push", Shapes.Zip(work, perClass: 10, "train-shapes.zip")])).ShouldSucceed();

        var start = await Cli.RunAsync(config, ["runs", "start", "train-shapes", "--epochs", "1", "--batch-size", "8", "--seed", "7",
            "--time-budget", "5", "--output", "json"]);
        start.ShouldSucceed();
        var runId = start.Read<RunDto>().Id;

        var watch = await Cli.RunAsync(config, ["runs", "watch", runId.ToString(), "--output", "json"], seconds: 240);
        watch.ShouldSucceed();
        watch.Stderr.ShouldContain($"Following {runId} live.");
        var lines = watch.JsonLines;
        var metrics = lines.Where(l => l.GetProperty("type").GetString() == "metric").ToList();
        metrics.ShouldContain(m => m.GetProperty("name").GetString() == "train_loss");
        metrics.Select(m => m.GetProperty("step").GetInt64()).ShouldBeInOrder();
        var last = lines[^1];
        last.GetProperty("type").GetString().ShouldBe("run");
        last.GetProperty("run").GetProperty("status").GetString().ShouldBe("Succeeded");
        var onServer = await server.Admin.GetRunMetricsAsync(server.Workspace.Id, runId);
        metrics.Count(m => m.GetProperty("name").GetString() == "train_loss")
            .ShouldBe(onServer.Series.Single(s => s.Name == "train_loss").TotalPoints);

        var logs = await Cli.RunAsync(config, ["runs", "logs", runId.ToString()]);
        logs.ShouldSucceed();
        logs.Stdout.ShouldContain("Training image-cnn");

        (await Cli.RunAsync(config, ["runs", "cancel", runId.ToString()])).ShouldExitWith(ExitCodes.Refused);

        var register = await Cli.RunAsync(config, ["models", "register", runId.ToString(), "--name", "shapes", "--output", "json"]);
        register.ShouldSucceed();
        register.Read<ModelVersionDto>().Number.ShouldBe(1);
        var models = await Cli.RunAsync(config, ["models", "--output", "json"]);
        models.Read<List<RegisteredModelDto>>().ShouldContain(m => m.Name == "shapes" && m.VersionCount == 1);

        var deploy = await Cli.RunAsync(config, ["deploy", "shapes", "--name", "shapes-live", "--output", "json"], seconds: 180);
        deploy.ShouldSucceed();
        deploy.Read<EndpointDto>().Status.ShouldBe(EndpointStatus.Ready);

        var images = Shapes.ZipImages(Path.Combine(work, "train-shapes.zip")).Take(2).Select((image, i) =>
        {
            var path = Path.Combine(work, $"ask-{i}.png");
            File.WriteAllBytes(path, image.Item2);
            return path;
        }).ToList();
        var predict = await Cli.RunAsync(config, ["predict", "shapes-live", .. images, "--output", "json"]);
        predict.ShouldSucceed();
        var predictions = predict.Json.GetProperty("predictions").EnumerateArray().ToList();
        predictions.Count.ShouldBe(2);
        predictions[0].GetProperty("input").GetString().ShouldBe("ask-0.png");
        predictions.ShouldAllBe(p => new[] { "circle", "square", "triangle" }.Contains(p.GetProperty("label").GetString()));

        var endpoint = deploy.Read<EndpointDto>();
        var key = await server.Admin.CreateEndpointKeyAsync(server.Workspace.Id, endpoint.Id, new CreateEndpointKeyRequest("cli"));
        var withKey = await Cli.RunAsync(config, ["predict", "shapes-live", images[0], "--key-stdin", "--output", "json"], stdin: key.Secret);
        withKey.ShouldSucceed();
        withKey.Json.GetProperty("predictions")[0].GetProperty("label").GetString().ShouldBe(predictions[0].GetProperty("label").GetString());
        (withKey.Stdout + withKey.Stderr).ShouldNotContain(key.Secret);
        var wrongKey = await Cli.RunAsync(config, ["predict", "shapes-live", images[0], "--key-stdin"], stdin: "pek_wrong");
        wrongKey.ShouldExitWith(ExitCodes.Unauthorized);
    }
}
