using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>infra/Dockerfile held against the projects it builds and the server it runs.</summary>
public sealed class DockerfileTests
{
    private readonly string _dockerfile = InfraFolder.Text("infra/Dockerfile");

    [Fact]
    public void EveryProjectTheServerNeedsIsCopiedBeforeRestore()
    {
        var projects = ProjectsOf("src/Server/Platform.Server.csproj");
        projects.Count.ShouldBeGreaterThan(6);
        foreach (var project in projects)
            _dockerfile.ShouldContain($"COPY {project} {Path.GetDirectoryName(project)}/", customMessage: project);
    }

    [Fact]
    public void TheTorchBackendArgumentPicksOneOfTheBuildsTheMlProjectKnows()
    {
        Regex.Match(_dockerfile, @"ARG TORCH_BACKEND=(\w+)").Groups[1].Value.ShouldBe("cpu");
        _dockerfile.ShouldContain("-p:TorchBackend=${TORCH_BACKEND}");
        var ml = File.ReadAllText(InfraFolder.PathOf("src/Ml/Platform.Ml.csproj"));
        ml.ShouldContain("'$(TorchBackend)' == 'cpu'");
        ml.ShouldContain("'$(TorchBackend)' == 'cuda'");
    }

    [Fact]
    public void TheBuildStageHasWhatTheBuildTargetsRun()
    {
        var targets = File.ReadAllText(InfraFolder.PathOf("Directory.Build.targets"));
        targets.ShouldContain("python3 &quot;$(MSBuildThisFileDirectory)build/patch-libtorchsharp.py");
        _dockerfile.ShouldContain("apt-get install -y --no-install-recommends python3");
        _dockerfile.ShouldContain("COPY build/ build/");
        _dockerfile.ShouldContain("COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./");
    }

    [Fact]
    public void TheImageRunsAsAnOrdinaryUserOnThePortItExposesAndChecksItsHealth()
    {
        _dockerfile.ShouldContain("USER $APP_UID");
        _dockerfile.ShouldContain("ASPNETCORE_URLS=http://0.0.0.0:8080");
        _dockerfile.ShouldContain("EXPOSE 8080");
        _dockerfile.ShouldContain("curl -fsS http://127.0.0.1:8080/health/live");
        _dockerfile.ShouldContain("ENTRYPOINT [\"dotnet\", \"Platform.Server.dll\"]");
    }

    /// <summary>The project and everything it references, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectsOf(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next)) continue;
            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(InfraFolder.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(InfraFolder.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(InfraFolder.Root, full).Replace('\\', '/'));
            }
        }
        return found;
    }
}
