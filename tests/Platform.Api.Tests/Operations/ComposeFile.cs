namespace Platform.Api.Tests.Operations;

/// <summary>One service of infra/compose.yaml, merge keys resolved.</summary>
public sealed record ComposeService(
    string Name, bool RunsServer, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Command,
    int Replicas, IReadOnlyList<string> Profiles, IReadOnlyList<string> HealthCheck)
{
    public string Roles => Environment.GetValueOrDefault("Platform__Roles", "");

    /// <summary>The path of the health check's URL (<c>curl … http://127.0.0.1:8080/health/ready</c>), if any.</summary>
    public Uri? HealthUrl => HealthCheck.Select(a => Uri.TryCreate(a, UriKind.Absolute, out var url) ? url : null).FirstOrDefault(u => u is not null);
}

public static class ComposeFile
{
    public const string Path = "infra/compose.yaml";
    public const string ServerDockerfile = "infra/Dockerfile";

    public static IReadOnlyList<ComposeService> Services()
    {
        var services = InfraFolder.Yaml(Path).Map("services");
        return services.Select(s => Read((string)s.Key, (Dictionary<object, object>)s.Value)).ToList();
    }

    private static ComposeService Read(string name, Dictionary<object, object> service)
    {
        var environment = service.Map("environment").ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? "");
        var replicas = int.TryParse(service.Map("deploy").Scalar("replicas"), out var r) ? r : 1;
        var health = service.Map("healthcheck");
        var disabled = health.Scalar("disable") == "true";
        return new ComposeService(name, service.Map("build").Scalar("dockerfile") == ServerDockerfile, environment,
            service.List("command"), replicas, service.List("profiles"), disabled ? [] : health.List("test"));
    }
}
