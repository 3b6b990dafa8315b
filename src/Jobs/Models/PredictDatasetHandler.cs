using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Jobs;
using Platform.Datasets.Formats.Writers;
using Platform.Jobs.Datasets;
using Platform.Jobs.Operations;
using Platform.Ml;
using Platform.Storage.Blobs;
using Platform.Storage.Data;
using Platform.Storage.Entities;
using Platform.Storage.Objects;

namespace Platform.Jobs.Models;

/// <summary>
/// Batch prediction: runs a registered version over every item of a dataset version, in batches, and stores one row per
/// item (CSV or JSON Lines) as the operation's result. The message says how many labeled items the model got right.
/// </summary>
public sealed class PredictDatasetHandler(PlatformDb db, IObjectStore store, BlobStore blobs) : IOperationHandler
{
    private const int BatchSize = 64;

    public string Kind => OperationKinds.PredictDataset;

    public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<BatchPredictionPayload>(operation.Payload!, PlatformClient.Json)!;
        var model = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == payload.ModelVersionId && v.WorkspaceId == operation.WorkspaceId, ct);
        var modelName = await db.RegisteredModels.Where(m => m.Id == model.ModelId).Select(m => m.Name).SingleAsync(ct);
        var version = await db.DatasetVersions.AsNoTracking().SingleAsync(v => v.Id == payload.DatasetVersionId && v.WorkspaceId == operation.WorkspaceId, ct);
        var datasetName = await db.Datasets.Where(d => d.Id == version.DatasetId).Select(d => d.Name).SingleAsync(ct);
        await report.ReportAsync(0.02, $"Loading {modelName} v{model.Number}", ct);
        using var predictor = await ModelPredictions.LoadAsync(store, model, ct);
        var content = await VersionReader.ReadAsync(db, version.Id, ct);
        var classes = predictor.Manifest.ClassNames;
        var fileName = $"{FileNames(datasetName)}-v{version.Number}-{FileNames(modelName)}-v{model.Number}-predictions.{payload.Format}";

        await using var file = Storage.Blobs.TempFile.Create();
        var (labeled, right) = (0, 0);
        var target = content.Columns.FirstOrDefault(c => c.IsTarget)?.Name;
        await using (var writer = new StreamWriter(file, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            if (payload.Format == "csv")
                await writer.WriteAsync(CsvCell.Line(classes.Count == 0 ? ["path", "label", "predicted"]
                    : ["path", "label", "predicted", "confidence", .. classes.Select(c => $"p({c})")]));
            for (var start = 0; start < content.Items.Count; start += BatchSize)
            {
                var items = content.Items.Skip(start).Take(BatchSize).ToList();
                var rows = content.Kind == DatasetKind.Table ? items.Select(i => RowOf(content, i)).ToList() : null;
                var predictions = await ModelPredictions.PredictAsync(predictor, blobs, operation.WorkspaceId, items, rows, ct);
                for (var i = 0; i < items.Count; i++)
                {
                    var (item, prediction) = (items[i], predictions[i]);
                    var label = rows is null ? item.Label : target is null ? null : rows[i][target];
                    if (label is not null && prediction.Label is not null)
                    {
                        labeled++;
                        if (label == prediction.Label) right++;
                    }
                    await writer.WriteAsync(payload.Format == "csv" ? CsvLine(item.Path, label, prediction, classes) : JsonLine(item.Path, label, prediction));
                }
                var done = Math.Min(content.Items.Count, start + BatchSize);
                await report.ReportAsync(0.05 + 0.9 * done / Math.Max(1, content.Items.Count), $"Predicted {done:N0} of {content.Items.Count:N0} items", ct);
            }
        }
        file.Position = 0;
        var key = $"workspaces/{operation.WorkspaceId:N}/predictions/{operation.Id:N}/{fileName}";
        await store.PutAsync(key, file, file.Length, payload.Format == "csv" ? "text/csv" : "application/jsonl", ct);
        operation.AttachResult(key, fileName);
        var score = labeled == 0 ? "" : $"; {right:N0} of {labeled:N0} labeled items match their label ({100.0 * right / labeled:0.0}%)";
        return $"Predicted {content.Items.Count:N0} items of {datasetName} v{version.Number} with {modelName} v{model.Number}{score}.";
    }

    private static IReadOnlyDictionary<string, string?> RowOf(VersionContent content, NewItem item)
    {
        var cells = item.Text is null ? [] : JsonSerializer.Deserialize<List<string?>>(item.Text) ?? [];
        return content.Columns.Select((c, i) => (c.Name, Value: i < cells.Count ? cells[i] : null)).ToDictionary(c => c.Name, c => c.Value);
    }

    private static string CsvLine(string path, string? label, Prediction p, IReadOnlyList<string> classes) => p.Value is { } value
        ? CsvCell.Line([path, label, Number(value)])
        : CsvCell.Line([path, label, p.Label, Number(p.Confidence!.Value), .. classes.Select(c => Number(p.Probabilities![c]))]);

    private static string JsonLine(string path, string? label, Prediction p) => (p.Value is { } value
        ? JsonSerializer.Serialize(new { path, label, predicted = value })
        : JsonSerializer.Serialize(new { path, label, predicted = p.Label, confidence = p.Confidence, probabilities = p.Probabilities })) + "\n";

    private static string Number(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static string FileNames(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
