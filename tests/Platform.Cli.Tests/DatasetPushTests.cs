using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.Cli.Tests;

public sealed class DatasetPushTests(PlatformServer server)
{
    [Fact]
    public async Task AFolderPushedThenPulledComesBackWithTheSameImagesInTheSameClasses()
    {
        var config = await server.SignedInConfigAsync();
        var work = server.NewFolder("push");
        var folder = Shapes.Folder(work, perClass: 4, "roundtrip");

        var push = await Cli.RunAsync(config, ["datasets", "push", folder, "--output", "json"]);
        push.ShouldSucceed();
        push.Json.GetProperty("dataset").GetString().ShouldBe("roundtrip");
        push.Json.GetProperty("version").GetInt32().ShouldBe(1);
        push.Json.GetProperty("imported").GetInt32().ShouldBe(12);
        push.Json.GetProperty("resumedAtBytes").GetInt64().ShouldBe(0);
        push.Stderr.ShouldContain("(100%)"); // progress lines instead of a bar when stderr is not a terminal
        Directory.EnumerateFileSystemEntries(Path.Combine(Path.GetDirectoryName(config)!, "uploads")).ShouldBeEmpty();

        var versions = await Cli.RunAsync(config, ["datasets", "versions", "roundtrip", "--output", "json"]);
        versions.ShouldSucceed();
        var version = versions.Read<List<DatasetVersionDto>>().ShouldHaveSingleItem();
        version.Number.ShouldBe(1);
        version.ItemCount.ShouldBe(12);
        version.Classes.ShouldBe(["circle", "square", "triangle"]);

        var file = Path.Combine(work, "pulled.zip");
        var pull = await Cli.RunAsync(config, ["datasets", "pull", "roundtrip", "--format", "ImageFolders", "--file", file, "--output", "json"]);
        pull.ShouldSucceed();
        pull.Json.GetProperty("file").GetString().ShouldBe(file);
        Shapes.LabeledHashes(Shapes.ZipImages(file)).ShouldBe(Shapes.LabeledHashes(Shapes.FolderImages(folder)));

        var table = await Cli.RunAsync(config, ["datasets"]);
        table.ShouldSucceed();
        table.Stdout.ShouldContain("roundtrip");
    }

    /// <summary>Ctrl+C (SIGINT) stops the push cleanly with 130; SIGKILL gives it no chance at all: both resume.</summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("KILL")]
    public async Task AnInterruptedPushResumesTheSameUploadWhenRunAgain(string signal)
    {
        var config = await server.SignedInConfigAsync();
        var work = server.NewFolder("resume");
        var zip = Shapes.Zip(work, perClass: 10, $"resumed-{signal}.zip");
        var size = new FileInfo(zip).Length;
        var states = Path.Combine(Path.GetDirectoryName(config)!, "uploads");

        // The sample zip is ~18 KB: at 2 KB a second the first run is surely still uploading when it is interrupted.
        using var first = Cli.Start(config, ["datasets", "push", zip, "--chunk-size", "1K", "--limit-rate", "2K"]);
        var state = await WaitForProgressAsync(states, TimeSpan.FromSeconds(30));
        using (var interrupt = Process.Start("kill", ["-" + signal, first.Id.ToString()])) await interrupt.WaitForExitAsync();
        var interrupted = await Cli.FinishAsync(first);
        if (signal == "INT")
        {
            interrupted.ShouldExitWith(ExitCodes.Interrupted);
            interrupted.Stderr.ShouldContain("Interrupted");
        }
        else interrupted.ExitCode.ShouldBe(128 + 9);

        var saved = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(states, "*.json").ShouldHaveSingleItem())).RootElement;
        var uploadId = saved.GetProperty("uploadId").GetGuid();
        uploadId.ShouldBe(state.UploadId);
        var onServer = await server.Admin.GetUploadAsync(server.Workspace.Id, uploadId);
        onServer.ReceivedBytes.ShouldBeGreaterThan(0);
        onServer.ReceivedBytes.ShouldBeLessThan(size);

        var resumed = await Cli.RunAsync(config, ["datasets", "push", zip, "--output", "json"]);
        resumed.ShouldSucceed();
        resumed.Stderr.ShouldContain($"Resuming upload {uploadId} at ");
        resumed.Json.GetProperty("uploadId").GetGuid().ShouldBe(uploadId);
        resumed.Json.GetProperty("resumedAtBytes").GetInt64().ShouldBe(onServer.ReceivedBytes);
        resumed.Json.GetProperty("imported").GetInt32().ShouldBe(30);
        resumed.Json.GetProperty("dataset").GetString().ShouldBe($"resumed-{signal}");
        Directory.GetFiles(states).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnImportTheServerCannotReadExitsWithCode4AndSaysWhy()
    {
        var config = await server.SignedInConfigAsync();
        var junk = Path.Combine(server.NewFolder("junk"), "junk.zip");
        await File.WriteAllBytesAsync(junk, System.Security.Cryptography.RandomNumberGenerator.GetBytes(50_000), TestContext.Current.CancellationToken);

        var push = await Cli.RunAsync(config, ["datasets", "push", junk, "--output", "json"]);

        push.ShouldExitWith(ExitCodes.RemoteFailed);
        push.Stdout.ShouldBeEmpty();
        push.Stderr.ShouldContain("not a valid zip archive");
    }

    private sealed record Progress(Guid UploadId, long ReceivedBytes);

    private static async Task<Progress> WaitForProgressAsync(string states, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(states) ? Directory.GetFiles(states, "*.json") : [])
            {
                try
                {
                    var progress = JsonSerializer.Deserialize<Progress>(File.ReadAllText(file), PlatformClient.Json);
                    if (progress is { ReceivedBytes: > 0 }) return progress;
                }
                catch (JsonException) { }
                catch (IOException) { }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The push saved no progress.");
    }
}
