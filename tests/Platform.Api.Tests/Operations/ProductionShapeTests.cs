using System.Diagnostics;
using System.Net;
using Platform.Api.Tests.Training;
using Platform.Contracts;
using Platform.Shared;
using Platform.TestKit;
using Shouldly;
using Xunit;
using static Platform.Api.Tests.Serving.EndpointWaits;

namespace Platform.Api.Tests.Operations;

/// <summary>
/// The processes infra/compose.yaml describes, started natively with its environment (database and bucket pointed at
/// the test PostgreSQL and s3rver): the migrate step, api+web, two cpu workers and serving. The main path walks through
/// them: upload, import and training on the workers, registration, deployment, and a prediction from serving.
/// </summary>
public sealed class ProductionShapeTests
{
    private const string AdminEmail = "ops@example.com";
    private const string AdminPassword = "correct-horse-ops-1";

    [Fact]
    public async Task TheComposeProcessesWalkTheMainPathOnPostgresAndS3()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("platform-compose-").FullName;
        await using var database = await PostgresDatabase.CreateAsync(ct);
        var bucket = TestBucket.New();
        var services = ComposeFile.Services().Where(s => s.RunsServer && s.Profiles.Count == 0).ToList();
        var processes = new List<WorkerProcess>();
        try
        {
            var migrate = services.Single(s => s.Command.Count > 0);
            await RunToEndAsync(Environment(migrate, database, bucket, migrate.Name), Path.Combine(folder, migrate.Name), migrate.Command, ct);

            foreach (var service in services.Where(s => s.Command.Count == 0))
                for (var replica = 1; replica <= service.Replicas; replica++)
                {
                    var name = $"{service.Name}-{replica}";
                    var health = service.HealthUrl.ShouldNotBeNull(service.Name).AbsolutePath;
                    processes.Add(await WorkerProcess.StartWithAsync(name, Path.Combine(folder, name), Environment(service, database, bucket, name), health, ct));
                }
            processes.Count.ShouldBe(4);
            var api = processes.Single(p => p.Name == "api-1");
            var serving = processes.Single(p => p.Name == "serving-1");

            var admin = new PlatformClient(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = api.Address });
            await admin.SignInAsync(new SignInRequest(AdminEmail, AdminPassword), ct);
            var workers = await OnlineWorkersAsync(admin, count: 2, ct);
            workers.ShouldBe(["worker-cpu-1", "worker-cpu-2"]);

            var ws = (await admin.CreateWorkspaceAsync(new CreateWorkspaceRequest("Compose"), ct)).Id;
            var (dataset, run, version) = await Registry.RegisteredShapes.RegisterAsync(admin, ws, "shapes", ct);
            var import = (await admin.ListOperationsAsync(ws, ct: ct)).Items.Single(o => o.Kind == "import-dataset");
            workers.ShouldContain(import.WorkerName!);
            run.Status.ShouldBe(RunStatus.Succeeded);
            await ExpectMetricsAsync(admin, api, processes.Where(p => p.Name.StartsWith("worker")).ToList(), ct);

            var endpoint = await admin.CreateEndpointAsync(ws, new CreateEndpointRequest("shapes", version.ModelId, Version: 1), ct);
            var key = await admin.CreateEndpointKeyAsync(ws, endpoint.Id, new CreateEndpointKeyRequest("app"), ct);
            using var http = new HttpClient { BaseAddress = serving.Address };
            http.DefaultRequestHeaders.Add(EndpointKeys.Header, key.Secret);
            var body = new { instances = new[] { Convert.ToBase64String(DatasetFixtures.Png(64, 64)) } };
            var answer = await UntilServedAsync(http, endpoint.PredictPath, body, ct);
            answer.Predictions.Single().Label.ShouldNotBeNullOrEmpty();
            (await admin.GetDatasetAsync(ws, dataset.Id, ct)).Name.ShouldBe(dataset.Name);
        }
        finally
        {
            foreach (var process in processes) await process.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Prometheus on each process, read with the admin's session from the api process (sign-in keys are shared through
    /// the database): the api answers for queues, workers and uploads; the workers for what they ran.
    /// </summary>
    private static async Task ExpectMetricsAsync(PlatformClient admin, WorkerProcess api, IReadOnlyList<WorkerProcess> workers, CancellationToken ct)
    {
        var installation = await admin.Http.GetStringAsync(new Uri(api.Address, "metrics"), ct);
        PrometheusText.Value(installation, "platform_uploads_bytes_total").ShouldBeGreaterThan(0);
        PrometheusText.Value(installation, "platform_workers_online", "queue=\"cpu\"").ShouldBe(2);
        PrometheusText.Value(installation, "platform_operations_running", "queue=\"cpu-training\"").ShouldBe(0);
        var ran = string.Join("\n", await Task.WhenAll(workers.Select(w => admin.Http.GetStringAsync(new Uri(w.Address, "metrics"), ct))));
        PrometheusText.Value(ran, "platform_training_steps_total").ShouldBeGreaterThan(0);
        PrometheusText.Value(ran, "platform_operations_duration_seconds_count", "kind=\"import-dataset\"", "outcome=\"succeeded\"", "queue=\"cpu\"").ShouldBe(1);
        PrometheusText.Value(ran, "platform_operations_duration_seconds_count", "kind=\"train-model\"", "queue=\"cpu-training\"").ShouldBe(1);
    }

    /// <summary>
    /// The service's environment from compose, with the addresses and secrets of compose's own services replaced by
    /// the test's (ASPNETCORE_URLS too: each process gets a free loopback port instead of 8080).
    /// </summary>
    private static Dictionary<string, string> Environment(ComposeService service, PostgresDatabase database, TestBucket bucket, string name)
    {
        var environment = service.Environment.Where(e => e.Key != "ASPNETCORE_URLS").ToDictionary();
        environment["Platform__Database__ConnectionString"] = database.ConnectionString;
        environment["Platform__ObjectStore__S3__Endpoint"] = bucket.Endpoint.ToString();
        environment["Platform__ObjectStore__S3__AccessKey"] = bucket.AccessKey;
        environment["Platform__ObjectStore__S3__SecretKey"] = bucket.SecretKey;
        environment["Platform__ObjectStore__S3__Bucket"] = bucket.Name;
        if (environment.ContainsKey("Platform__Admin__Email"))
        {
            environment["Platform__Admin__Email"] = AdminEmail;
            environment["Platform__Admin__Password"] = AdminPassword;
        }
        if (service.Roles.Contains("worker")) environment["Platform__WorkerName"] = name;
        return environment;
    }

    private static async Task RunToEndAsync(Dictionary<string, string> environment, string workFolder, IReadOnlyList<string> command, CancellationToken ct)
    {
        Directory.CreateDirectory(workFolder);
        var info = ServerLauncher.StartInfo(new Uri($"http://127.0.0.1:{ServerLauncher.FreePort()}/"), workFolder, environment, "Debug", "Release");
        foreach (var argument in command) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        process.ExitCode.ShouldBe(0, await output + await errors);
        (await output).ShouldContain("Database is up to date.");
    }

    private static async Task<List<string>> OnlineWorkersAsync(PlatformClient admin, int count, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var online = (await admin.ListWorkersAsync(ct: ct)).Items.Where(w => w.IsOnline).Select(w => w.Name).Order().ToList();
            if (online.Count >= count || DateTime.UtcNow > deadline) return online;
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Serving loads a new endpoint within seconds: until then it answers 404, 401 or 503.</summary>
    private static async Task<PredictResponse> UntilServedAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var (status, text, answer) = await PostAsync(http, path, body, ct);
            if (status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                status.ShouldBe(HttpStatusCode.OK, text);
                return answer!;
            }
            status.ShouldBeOneOf([HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized], text);
            await Task.Delay(200, ct);
        }
    }
}
