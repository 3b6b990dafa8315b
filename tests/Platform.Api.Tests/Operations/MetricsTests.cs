using System.Net;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// Who may read /metrics, and the correlation id on every answer. What the metrics say after an upload, an import and
/// a training run is checked on the production shape (<see cref="ProductionShapeTests"/>).
/// </summary>
public sealed class MetricsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task OnlyAdministratorsReadTheMetrics()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/metrics", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var (user, _) = await app.NewUserAsync();
        (await user.Http.GetAsync("/metrics", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var admin = await app.AdminAsync();
        var text = await admin.Http.GetStringAsync("/metrics", ct);
        PrometheusText.Value(text, "platform_workers_online", "queue=\"cpu\"").ShouldBeGreaterThanOrEqualTo(1);
        PrometheusText.Value(text, "platform_workers_online", "queue=\"cpu-training\"").ShouldBeGreaterThanOrEqualTo(1);
        PrometheusText.Value(text, "platform_operations_queued", "queue=\"gpu-training\"").ShouldBe(0);
    }

    [Fact]
    public async Task EveryAnswerCarriesACorrelationId()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/workspaces", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("X-Correlation-Id").Single().ShouldNotBeNullOrWhiteSpace();
    }
}
