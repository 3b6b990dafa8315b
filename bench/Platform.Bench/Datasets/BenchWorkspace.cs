using System.Net;
using Platform.Bench.Foundation;
using Platform.Contracts;

namespace Platform.Bench.Datasets;

/// <summary>An embedded server (SQLite, folder store) on a fresh data folder, its first administrator signed in, and one workspace.</summary>
internal sealed class BenchWorkspace : IAsyncDisposable
{
    private readonly ServerInstance _server;

    private BenchWorkspace(ServerInstance server, PlatformClient client, Guid id)
    {
        _server = server;
        Client = client;
        Id = id;
    }

    public PlatformClient Client { get; }

    public Guid Id { get; }

    public static async Task<BenchWorkspace> StartAsync(string folder)
    {
        var server = ServerInstance.Start(folder, new Dictionary<string, string>());
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            {
                BaseAddress = server.Address,
                Timeout = TimeSpan.FromMinutes(10),
            };
            var client = new PlatformClient(http);
            await client.CreateFirstAdminAsync(new CreateFirstAdminRequest("bench@example.com", "bench-password-1", "Bench"));
            var workspace = await client.CreateWorkspaceAsync(new CreateWorkspaceRequest("Datasets bench"));
            return new BenchWorkspace(server, client, workspace.Id);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a dataset, uploads the file (not timed), starts the import and waits for it.</summary>
    public async Task<ImportRun> ImportAsync(string path, string datasetName)
    {
        var dataset = await Client.CreateDatasetAsync(Id, new CreateDatasetRequest(datasetName));
        UploadDto upload;
        await using (var file = File.OpenRead(path)) upload = await Client.UploadAsync(Id, file, System.IO.Path.GetFileName(path));
        var started = await Client.StartImportAsync(Id, dataset.Id, new StartImportRequest([upload.Id]));
        var (operation, phases) = await OperationWatch.WaitAsync(Client, Id, started.Id, TimeSpan.FromMinutes(30));
        return new ImportRun(await Client.GetDatasetAsync(Id, dataset.Id), operation, phases);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

internal sealed record ImportRun(DatasetDto Dataset, OperationDto Operation, IReadOnlyList<Phase> Phases)
{
    /// <summary>Server-stamped: FinishedAt − StartedAt.</summary>
    public double Seconds => (Operation.FinishedAt!.Value - Operation.StartedAt!.Value).TotalSeconds;

    public int Items => Dataset.LatestVersion?.ItemCount ?? 0;

    public void EnsureSucceeded()
    {
        if (Operation.State != OperationState.Succeeded)
            throw new InvalidOperationException($"import {Operation.State}: {Operation.Message}");
    }
}
