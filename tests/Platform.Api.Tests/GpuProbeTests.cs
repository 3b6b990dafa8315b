using System.Runtime.Versioning;
using Platform.Jobs.Workers;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

/// <summary>The worker asks nvidia-smi for its GPUs at start; fake nvidia-smi scripts stand in for the driver.</summary>
[UnsupportedOSPlatform("windows")] // the fakes are shell scripts
public sealed class GpuProbeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("platform-gpu-probe-");

    [Fact]
    public async Task AHungNvidiaSmiIsKilledWithItsChildrenAndMeansNoGpu()
    {
        var pids = Path.Combine(_folder.FullName, "pids");
        // The script waits on a child that holds stdout open: reading to the end would never return.
        var fake = Script($"""
            sleep 600 &
            echo "$$ $!" > '{pids}'
            wait
            """);

        var probe = GpuProbe.DetectAsync(fake, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(probe, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));

        finished.ShouldBe(probe, "the probe never returned from a hung nvidia-smi");
        (await probe).ShouldBe(new GpuProbe.Gpus(0, null, null));
        foreach (var pid in File.ReadAllText(pids).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse))
            (await IsGoneAsync(pid)).ShouldBeTrue($"process {pid} still runs");
    }

    [Fact]
    public async Task AnAnsweringNvidiaSmiReportsItsGpus()
    {
        var fake = Script("""
            printf 'NVIDIA H100 80GB HBM3, 81559\nNVIDIA H100 80GB HBM3, 81559\n'
            """);
        var gpus = await GpuProbe.DetectAsync(fake, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        gpus.ShouldBe(new GpuProbe.Gpus(2, "NVIDIA H100 80GB HBM3", 81559L * 1024 * 1024));
    }

    [Fact]
    public async Task AMissingOrFailingNvidiaSmiMeansNoGpu()
    {
        var ct = TestContext.Current.CancellationToken;
        (await GpuProbe.DetectAsync(Path.Combine(_folder.FullName, "absent"), TimeSpan.FromSeconds(30), ct)).Count.ShouldBe(0);
        (await GpuProbe.DetectAsync(Script("echo 'NVIDIA-SMI has failed' >&2; exit 9"), TimeSpan.FromSeconds(30), ct)).Count.ShouldBe(0);
    }

    private string Script(string body)
    {
        var path = Path.Combine(_folder.FullName, $"nvidia-smi-{Guid.NewGuid():N}");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A killed process disappears, or lingers as a zombie until its parent reaps it.</summary>
    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return true;
            try
            {
                var text = File.ReadAllText(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z')) return true;
            }
            catch (IOException) { return true; }
            await Task.Delay(100);
        }
        return false;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
