using System.Text.RegularExpressions;
using Platform.Server.Settings;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// infra/helm/platform held against the code: values parse, roles and queues exist, every Platform__ variable the
/// templates set is a real setting, probes ask the server's health paths on its port. (No Kubernetes or helm here:
/// the templates are checked as text.)
/// </summary>
public sealed partial class HelmChartTests
{
    private const string Chart = "infra/helm/platform";
    private readonly Dictionary<object, object> _values = InfraFolder.Yaml($"{Chart}/values.yaml");
    private readonly string _templates = string.Join("\n",
        Directory.GetFiles(InfraFolder.PathOf($"{Chart}/templates")).Order().Select(File.ReadAllText));

    [Fact]
    public void EveryVariableTheTemplatesSetIsARealSetting()
    {
        var variables = EnvironmentName().Matches(_templates).Select(m => m.Groups[1].Value).Distinct().ToList();
        variables.Count.ShouldBeGreaterThan(10);
        variables.Where(v => !SettingsCatalog.IsKnown(v)).ShouldBeEmpty();
        _values.Map("settings").Keys.Cast<string>().Where(k => !SettingsCatalog.IsKnown(k)).ShouldBeEmpty();
    }

    [Fact]
    public void RolesAndQueuesInTheValuesExist()
    {
        _values.Map("api").Scalar("roles")!.Split(',').ShouldAllBe(r => ComposeFileTests.Roles.Contains(r));
        var pools = ((List<object>)_values["workers"]).Cast<Dictionary<object, object>>().ToList();
        pools.SelectMany(p => p.Scalar("queues")!.Split(',')).ShouldAllBe(q => ComposeFileTests.Queues.Contains(q));
        var gpu = pools.Single(p => p.Scalar("name") == "gpu");
        (gpu.Scalar("gpu"), gpu.Map("nodeSelector").Count).ShouldBe(("1", 1));
        _templates.ShouldContain("nvidia.com/gpu: {{ $pool.gpu }}");
        _templates.ShouldContain("value: worker");
        _templates.ShouldContain("value: serving");
    }

    [Fact]
    public void ProbesAskTheServersHealthPathsOnThePortItListensOn()
    {
        _templates.ShouldContain("value: http://0.0.0.0:8080");
        _templates.ShouldContain("containerPort: 8080");
        foreach (var path in ComposeFileTests.HealthPaths) _templates.ShouldContain($"path: {path}, port: http");
    }

    [Fact]
    public void MigrationsRunAsAPreUpgradeHookAndServingScalesByItself()
    {
        var job = InfraFolder.Text($"{Chart}/templates/migrate-job.yaml");
        job.ShouldContain("pre-upgrade");
        job.ShouldContain("args: [\"migrate\"]");
        _templates.ShouldContain("kind: HorizontalPodAutoscaler");
        _templates.ShouldMatch(@"scaleTargetRef:\s+apiVersion: apps/v1\s+kind: Deployment\s+name: \{\{ include ""platform.fullname"" \. \}\}-serving");
    }

    [Fact]
    public void TheIngressRoutesPredictionsToServingAndKeepsWebSocketsOpen()
    {
        var ingress = InfraFolder.Text($"{Chart}/templates/ingress.yaml");
        ingress.ShouldMatch(@"path: /serve/\s+pathType: Prefix\s+backend:\s+service:\s+name: \{\{ include ""platform.fullname"" \. \}\}-serving");
        _values.Map("ingress").Map("annotations").Scalar("nginx.ingress.kubernetes.io/proxy-read-timeout").ShouldBe("3600");
    }

    [Fact]
    public void SecretsComeFromSecretsNotFromValues()
    {
        _templates.ShouldNotMatch(@"name: Platform__\w*(Password|SecretKey|ConnectionString)\s+value:");
        _values.Map("database").ContainsKey("connectionString").ShouldBeFalse();
    }

    [GeneratedRegex(@"name: (Platform__\w+)")]
    private static partial Regex EnvironmentName();
}
