using Platform.Api.Tests.Training;
using Platform.Contracts;

namespace Platform.Api.Tests.Registry;

public static class RegisteredShapes
{
    /// <summary>The shapes sample (10 images a class) imported, trained quickly and registered as v1 of <paramref name="modelName"/>.</summary>
    public static async Task<(DatasetDto Dataset, RunDto Run, ModelVersionDto Version)> RegisterAsync(PlatformClient client, Guid ws, string modelName, CancellationToken ct)
    {
        var (dataset, _) = await client.ImportAsync(ws, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        var started = await client.StartTrainingAsync(ws, new StartTrainingRequest(dataset.Id, 1, TimeBudgetMinutes: 10, Settings: RunWaits.Quick), ct);
        var run = await client.ForRunAsync(ws, started.Id, r => r.Status == RunStatus.Succeeded, ct);
        return (dataset, run, await client.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, modelName), ct));
    }
}
