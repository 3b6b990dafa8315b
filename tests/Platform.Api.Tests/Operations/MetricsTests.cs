using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// Prometheus at /metrics, scraped as operators do with an administrator's API token: requests, operations queued and
/// running per queue, their durations, workers online, upload bytes and training steps.
/// </summary>
public sealed partial class MetricsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task AnUploadAnImportAndATrainingRunShowInTheMetrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.AdminAsync();
        var token = await admin.CreateTokenAsync(new CreateApiTokenRequest("prometheus", 1), ct);
        using var scraper = app.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);

        var ws = (await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Metrics"), ct)).Id;
        var zip = DatasetFixtures.ShapesZip(10);
        await Registry.RegisteredShapes.RegisterAsync(admin, ws, "shapes", ct);

        var text = await scraper.GetStringAsync("/metrics", ct);
        Value(text, "platform_uploads_bytes_total").ShouldBeGreaterThanOrEqualTo(zip.Length);
        Value(text, "platform_training_steps_total").ShouldBeGreaterThan(0);
        Value(text, "platform_workers_online", "queue=\"cpu\"").ShouldBe(1);
        Value(text, "platform_operations_queued", "queue=\"gpu-training\"").ShouldBe(0);
        Value(text, "platform_operations_running", "queue=\"cpu\"").ShouldBe(0);
        Value(text, "platform_operations_duration_seconds_count", "kind=\"import-dataset\"", "outcome=\"succeeded\"", "queue=\"cpu\"").ShouldBe(1);
        Value(text, "platform_operations_duration_seconds_count", "kind=\"train-model\"", "outcome=\"succeeded\"", "queue=\"cpu-training\"").ShouldBe(1);
        text.ShouldContain("http_server_request_duration_seconds_bucket{");
    }

    [Fact]
    public async Task OnlyAdministratorsReadTheMetrics()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/metrics", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var (user, _) = await app.NewUserAsync();
        (await user.Http.GetAsync("/metrics", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EveryAnswerCarriesACorrelationId()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/workspaces", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("X-Correlation-Id").Single().ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>The sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/> (summed when several match).</summary>
    private static double Value(string exposition, string metric, params string[] labels)
    {
        var samples = Sample().Matches(exposition).Where(m => m.Groups["name"].Value == metric && labels.All(m.Groups["labels"].Value.Contains)).ToList();
        samples.ShouldNotBeEmpty($"{metric} {string.Join(",", labels)} is not in:\n{exposition}");
        return samples.Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
