using System.Net;
using System.Text.Json;
using Platform.Contracts;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Registry;

/// <summary>A registered version predicts every item of a dataset version as an operation whose result is a CSV or JSON Lines file.</summary>
public abstract class BatchPredictionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task AVersionPredictsEveryItemOfADatasetVersionAsCsvOrJsonLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (dataset, _, version) = await RegisteredShapes.RegisterAsync(owner, ws, "shapes", ct);

        var csvRun = await owner.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(dataset.Id, 1), ct);
        var csv = await Wait.ForOperationAsync(owner, ws, csvRun.Id, ct, seconds: 120);
        csv.ShouldHaveSucceeded();
        var lines = (await ResultAsync(owner, ws, csv.Id, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("path,label,predicted,confidence,p(circle),p(square),p(triangle)");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count.ShouldBe(30);
        rows.ShouldAllBe(r => new[] { "circle", "square", "triangle" }.Contains(r[2]));
        rows.Select(r => r[0]).Distinct().Count().ShouldBe(30);
        var right = rows.Count(r => r[1] == r[2]);
        csv.Message!.ShouldContain($"{right} of 30 labeled items match their label");
        foreach (var row in rows)
            row.Skip(4).Sum(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(1, 1e-3);

        var jsonRun = await owner.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(dataset.Id, 1, "jsonl"), ct);
        var json = await Wait.ForOperationAsync(owner, ws, jsonRun.Id, ct, seconds: 120);
        json.ShouldHaveSucceeded();
        var records = (await ResultAsync(owner, ws, json.Id, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        records.Count.ShouldBe(30);
        records.Select(r => (r.GetProperty("path").GetString(), r.GetProperty("predicted").GetString()))
            .ShouldBe(rows.Select(r => ((string?)r[0], (string?)r[2])), ignoreOrder: true);

        // A table is not for an image model; an unknown format, a missing dataset and a stranger are refused.
        var (table, _) = await owner.ImportAsync(ws, DatasetFixtures.TableCsv(30), "flowers.csv", ct);
        (await owner.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(table.Id, 1), ct).ShouldFailWith(HttpStatusCode.BadRequest))
            .UserMessage.ShouldContain("takes");
        await owner.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(dataset.Id, 1, "xml"), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(Guid.NewGuid(), 1), ct).ShouldFailWith(HttpStatusCode.BadRequest);
        await owner.StartBatchPredictionAsync(ws, version.ModelId, 9, new StartBatchPredictionRequest(dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.NotFound);
        var (stranger, elsewhere) = await app.NewOwnerAsync();
        await stranger.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.StartBatchPredictionAsync(elsewhere.Id, version.ModelId, 1, new StartBatchPredictionRequest(dataset.Id, 1), ct).ShouldFailWith(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATableModelPredictsEveryRowAndCountsItsTargetColumnAsTheLabel()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var ws = workspace.Id;
        var (table, _) = await owner.ImportAsync(ws, DatasetFixtures.TableCsv(90), "flowers.csv", ct, new StartImportRequest([], TargetColumn: "species"));
        var started = await owner.StartTrainingAsync(ws, new StartTrainingRequest(table.Id, 1, TimeBudgetMinutes: 10, Settings: Training.RunWaits.Quick), ct);
        var run = await Training.RunWaits.ForRunAsync(owner, ws, started.Id, r => r.Status == RunStatus.Succeeded, ct);
        var version = await owner.RegisterModelVersionAsync(ws, new RegisterModelVersionRequest(run.Id, "flowers"), ct);

        var operation = await owner.StartBatchPredictionAsync(ws, version.ModelId, 1, new StartBatchPredictionRequest(table.Id, 1), ct);
        var done = await Wait.ForOperationAsync(owner, ws, operation.Id, ct, seconds: 120);
        done.ShouldHaveSucceeded();
        var lines = (await ResultAsync(owner, ws, done.Id, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("path,label,predicted,confidence,p(setosa),p(versicolor),p(virginica)");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count.ShouldBe(90);
        rows.ShouldAllBe(r => new[] { "setosa", "versicolor", "virginica" }.Contains(r[1]));
        done.Message!.ShouldContain($"{rows.Count(r => r[1] == r[2])} of 90 labeled items match their label");
    }

    private static async Task<string> ResultAsync(PlatformClient client, Guid ws, Guid operationId, CancellationToken ct)
    {
        using var response = await client.DownloadOperationResultAsync(ws, operationId, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }
}
