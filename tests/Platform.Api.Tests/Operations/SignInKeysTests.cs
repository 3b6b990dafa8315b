using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Storage.Data;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// Sign-in cookies are protected with keys kept in the database, so a session started on one api replica is valid on
/// every other one (behind a load balancer) and after a container is replaced.
/// </summary>
public sealed class SignInKeysTests
{
    [Fact]
    public async Task ASessionStartedOnOneApiReplicaWorksOnAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(ct);
        await using var first = new PlatformApp(DatabaseProvider.Postgres, "api", sharedPostgres: database);
        await using var second = new PlatformApp(DatabaseProvider.Postgres, "api", sharedPostgres: database);
        await first.InitializeAsync();
        await second.InitializeAsync();
        await first.AdminAsync();

        var cookies = new CookieContainer();
        var onFirst = new PlatformClient(first.CreateDefaultClient(new CookieContainerHandler(cookies)));
        await onFirst.SignInAsync(new SignInRequest(PlatformApp.AdminEmail, PlatformApp.Password), ct);
        var onSecond = new PlatformClient(second.CreateDefaultClient(new CookieContainerHandler(cookies)));
        var workspace = await onSecond.CreateWorkspaceAsync(new CreateWorkspaceRequest("Across replicas"), ct);
        (await onFirst.GetWorkspaceAsync(workspace.Id, ct)).Name.ShouldBe("Across replicas");

        await using var scope = first.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<PlatformDb>().DataProtectionKeys.ToListAsync(ct);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml!.Contains("<key id="));
    }
}
