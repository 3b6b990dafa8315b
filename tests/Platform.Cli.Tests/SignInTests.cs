using Shouldly;
using Xunit;

namespace Platform.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignInTests(PlatformServer server)
{
    [Fact]
    public async Task LoginChecksTheTokenAndStoresItInAConfigFileOnlyTheOwnerCanRead()
    {
        var config = server.NewConfigPath();
        var login = await Cli.RunAsync(config, ["login", server.Address.ToString(), "--token-stdin", "--output", "json"], stdin: server.Token);

        login.ShouldSucceed();
        login.Json.GetProperty("email").GetString().ShouldBe(PlatformServer.AdminEmail);
        (login.Stdout + login.Stderr).ShouldNotContain(server.Token);
        File.GetUnixFileMode(config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(config)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.ReadAllText(config).ShouldContain(server.Token);

        var logout = await Cli.RunAsync(config, ["logout"]);
        logout.ShouldSucceed();
        File.ReadAllText(config).ShouldNotContain(server.Token);
        (await Cli.RunAsync(config, ["workspaces"])).ShouldExitWith(ExitCodes.Unauthorized);
    }

    [Fact]
    public async Task ARefusedTokenExitsWithCode2AndSavesNothing()
    {
        var config = server.NewConfigPath();
        var login = await Cli.RunAsync(config, ["login", server.Address.ToString(), "--token-stdin"], stdin: "plat_not-a-real-token");
        login.ShouldExitWith(ExitCodes.Unauthorized);
        login.Stderr.ShouldContain("refused the token");
        File.Exists(config).ShouldBeFalse();

        var revoked = await Cli.RunAsync(config, ["workspaces"],
            environment: new Dictionary<string, string> { ["PLATFORM_URL"] = server.Address.ToString(), ["PLATFORM_TOKEN"] = "plat_not-a-real-token" });
        revoked.ShouldExitWith(ExitCodes.Unauthorized);
        revoked.Stderr.ShouldContain("401");
    }

    [Fact]
    public async Task WorkspacesListsTheAccountsWorkspacesAsJson()
    {
        var config = await server.SignedInConfigAsync();
        var list = await Cli.RunAsync(config, ["workspaces", "--output", "json"]);
        list.ShouldSucceed();
        var workspaces = list.Json.EnumerateArray().ToList();
        workspaces.ShouldContain(w => w.GetProperty("name").GetString() == "Vision" && w.GetProperty("id").GetGuid() == server.Workspace.Id);
        workspaces.ShouldAllBe(w => w.GetProperty("myRole").GetString() != null);
    }

    [Fact]
    public async Task AnUnknownDatasetExitsWithCode3()
    {
        var config = await server.SignedInConfigAsync();
        var versions = await Cli.RunAsync(config, ["datasets", "versions", "no-such-dataset", "--output", "json"]);
        versions.ShouldExitWith(ExitCodes.NotFound);
        versions.Stdout.ShouldBeEmpty();
        versions.Stderr.ShouldContain("No dataset 'no-such-dataset'");

        var byId = await Cli.RunAsync(config, ["datasets", "pull", Guid.NewGuid().ToString()]);
        byId.ShouldExitWith(ExitCodes.NotFound);
        byId.Stderr.ShouldContain("(404)");
    }

    [Fact]
    public async Task BadArgumentsExitWithCode1()
    {
        var config = await server.SignedInConfigAsync();
        (await Cli.RunAsync(config, ["datasets", "list", "--no-such-option"])).ShouldExitWith(ExitCodes.Usage);
        (await Cli.RunAsync(config, ["datasets", "push"])).ShouldExitWith(ExitCodes.Usage);
        (await Cli.RunAsync(config, ["runs", "watch", "not-a-run-id"])).ShouldExitWith(ExitCodes.Usage);
        (await Cli.RunAsync(config, ["datasets", "push", "/no/such/folder"])).ShouldExitWith(ExitCodes.Usage);
    }
}
