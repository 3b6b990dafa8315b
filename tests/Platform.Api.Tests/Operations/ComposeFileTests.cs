using System.Text.RegularExpressions;
using Platform.Server;
using Platform.Server.Settings;
using Platform.Storage.Entities;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// infra/compose.yaml held against the code (no container engine runs here): every setting it gives is one the
/// server reads, every role and queue exists, ports and health paths match what the server answers.
/// </summary>
public sealed partial class ComposeFileTests
{
    public static readonly string[] Roles = PlatformOptions.AllRoles.Split(',');
    public static readonly string[] Queues = [OperationQueues.Default, OperationQueues.Cpu, OperationQueues.Gpu];
    public static readonly string[] HealthPaths = ["/health/live", "/health/ready"];

    private readonly IReadOnlyList<ComposeService> _services = ComposeFile.Services();

    private IEnumerable<ComposeService> Servers => _services.Where(s => s.RunsServer);

    [Fact]
    public void EverySettingTheServicesGiveIsOneTheServerReads()
    {
        var settings = Servers.SelectMany(s => s.Environment.Keys.Where(k => k.StartsWith("Platform__")).Select(k => (s.Name, Key: k))).ToList();
        settings.Count.ShouldBeGreaterThan(10);
        settings.Where(s => !SettingsCatalog.IsKnown(s.Key)).ShouldBeEmpty();
    }

    [Fact]
    public void EveryRoleRunsAndEveryRoleAndQueueExists()
    {
        var running = Servers.Where(s => s.Command.Count == 0).ToList();
        running.SelectMany(s => s.Roles.Split(',')).Distinct().Order().ShouldBe(Roles.Order());
        foreach (var service in running)
        {
            service.Roles.Split(',').ShouldAllBe(r => Roles.Contains(r), service.Name);
            service.Environment.GetValueOrDefault("Platform__Queues", "default").Split(',').ShouldAllBe(q => Queues.Contains(q), service.Name);
        }
        var cpu = running.Single(s => s.Name == "worker-cpu");
        (cpu.Replicas, cpu.Environment["Platform__Queues"]).ShouldBe((2, "default,cpu"));
        var gpu = running.Single(s => s.Name == "worker-gpu");
        (gpu.Profiles.Single(), gpu.Environment["Platform__Queues"]).ShouldBe(("gpu", "gpu"));
        _services.Single(s => s.Name == "migrate").Command.ShouldBe(["migrate"]);
    }

    [Fact]
    public void HealthChecksAskTheServersOwnPathsOnItsPort()
    {
        foreach (var service in Servers.Where(s => s.Command.Count == 0))
        {
            var listens = new Uri(service.Environment["ASPNETCORE_URLS"].Replace("0.0.0.0", "localhost"));
            var health = service.HealthUrl.ShouldNotBeNull(service.Name);
            HealthPaths.ShouldContain(health.AbsolutePath, service.Name);
            health.Port.ShouldBe(listens.Port, service.Name);
        }
    }

    [Fact]
    public void EveryVariableComposeNeedsIsInTheExampleEnvironment()
    {
        var used = Variable().Matches(InfraFolder.Text(ComposeFile.Path)).Select(m => m.Groups[1].Value).Distinct().ToList();
        var example = InfraFolder.Text("infra/.env.example").Split('\n').Where(l => l.Contains('=') && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('=')]).ToHashSet();
        used.ShouldNotBeEmpty();
        used.Where(v => !example.Contains(v)).ShouldBeEmpty();
    }

    [Fact]
    public void TheProxySendsPredictionsToServingAndTheRestToTheApi()
    {
        var caddy = InfraFolder.Text("infra/Caddyfile");
        caddy.ShouldMatch(@"handle /serve/\*\s*\{\s*reverse_proxy serving:8080");
        caddy.ShouldMatch(@"handle\s*\{\s*reverse_proxy api:8080");
        _services.Single(s => s.Name == "proxy").HealthCheck.ShouldBeEmpty();
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Variable();
}
